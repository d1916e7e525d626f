"""Write ``data/generated.tsv``: templated *hype* and *neutral* sentences for the tone model.

Every template and vocabulary below was written by hand for this project (no text is taken
from any corpus). Templates cover four registers (product docs, release notes, UI help, blog
prose). Both classes draw on the *same* topic vocabulary (products, components, tasks), so the
model has to learn tone (superlatives, exclamations, buzzwords, grand promises) rather than
topic. ``data/handwritten.tsv`` holds free-form sentences written one by one.

Output columns: ``label<TAB>group<TAB>text``; ``group`` names the template a sentence came
from, so ``train.py`` can hold out whole templates. Deterministic: a fixed seed, and the file
is only rewritten with the same bytes on a rerun.

    python training/make_data.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEED = 20240605
PER_TEMPLATE = 14
OUT = Path(__file__).resolve().parent / "data" / "generated.tsv"

# --------------------------------------------------------------------------- shared topic words
V: dict[str, list[str]] = {
    "product": [
        "Nimbus",
        "Tallyboard",
        "Ferrous",
        "Quillpad",
        "Harbor Sync",
        "Lumen",
        "Orbitdesk",
        "Cobalt",
        "Driftwood",
        "Larchly",
        "Mosswell",
        "Kestrel",
        "Brightline",
        "Stackwise",
        "Fernhub",
        "Paperkite",
        "Tidewater",
        "Granite CI",
        "Owlpost",
        "Meridian",
    ],
    "component": [
        "the dashboard",
        "the API",
        "the CLI",
        "the editor",
        "the billing page",
        "the cluster",
        "the sync service",
        "the search index",
        "the mobile app",
        "the export tool",
        "the proxy",
        "the scheduler",
        "the settings panel",
        "the analytics module",
        "the plugin system",
        "the storage layer",
        "the notification center",
        "the workflow builder",
        "the admin console",
        "the SDK",
        "the import wizard",
        "the reporting view",
        "the build pipeline",
        "the data pipeline",
        "the image optimizer",
        "the caching layer",
        "the deployment tool",
        "the desktop client",
        "the web app",
        "the audit log",
        "the query engine",
        "the webhook service",
    ],
    "category": [
        "project tracker",
        "analytics platform",
        "code editor",
        "deployment tool",
        "note-taking app",
        "design tool",
        "database",
        "monitoring service",
        "CRM",
        "help desk",
        "CI service",
        "password manager",
        "budgeting app",
        "video editor",
        "service mesh",
        "browser extension",
        "email client",
        "form builder",
        "chat app",
        "static site generator",
    ],
    "task": [
        "export a report",
        "invite a teammate",
        "reset your password",
        "connect a data source",
        "schedule a backup",
        "rotate an API key",
        "merge two projects",
        "archive old tickets",
        "set up single sign-on",
        "change the billing plan",
        "add a custom domain",
        "import contacts",
        "create a dashboard",
        "restore a deleted file",
        "configure alerts",
        "share a folder",
        "deploy a preview build",
        "filter the activity log",
        "rename a workspace",
        "pin a message",
        "review pull requests",
        "track expenses",
        "publish a release",
        "migrate the database",
        "write release notes",
        "organize your notes",
        "plan a sprint",
        "edit a video",
        "debug a failing test",
        "manage user roles",
    ],
    "gerund": [
        "exporting reports",
        "inviting teammates",
        "connecting data sources",
        "scheduling backups",
        "rotating API keys",
        "setting up single sign-on",
        "importing contacts",
        "creating dashboards",
        "configuring alerts",
        "sharing folders",
        "deploying preview builds",
        "reviewing pull requests",
        "tracking expenses",
        "publishing releases",
        "migrating databases",
        "planning sprints",
        "editing videos",
        "debugging tests",
        "managing user roles",
        "writing documentation",
    ],
    "thing": [
        "workflow",
        "team",
        "productivity",
        "business",
        "code",
        "data",
        "content",
        "sales",
        "marketing",
        "deployments",
        "inbox",
        "analytics",
        "customer experience",
        "design process",
        "infrastructure",
        "release process",
        "growth",
        "support team",
        "finances",
        "documentation",
    ],
    "audience": [
        "developers",
        "teams",
        "marketers",
        "designers",
        "startups",
        "enterprises",
        "creators",
        "small businesses",
        "engineers",
        "writers",
        "data scientists",
        "support agents",
        "product managers",
        "students",
        "agencies",
    ],
    "ui_item": [
        "Settings",
        "Export",
        "New project",
        "Members",
        "Billing",
        "Share",
        "Advanced options",
        "Save changes",
        "Add filter",
        "Integrations",
        "Security",
        "Notifications",
        "Archive",
        "Download CSV",
        "Manage keys",
        "Restore",
        "Edit profile",
        "Delete workspace",
    ],
    "place": [
        "the Settings page",
        "the sidebar",
        "the project menu",
        "the top bar",
        "the Account tab",
        "the Admin console",
        "the command palette",
        "the workspace menu",
        "the Billing tab",
        "the toolbar",
        "the context menu",
        "the Integrations page",
    ],
    "entity": [
        "project",
        "workspace",
        "report",
        "team",
        "webhook",
        "API key",
        "folder",
        "dashboard",
        "environment",
        "pipeline",
        "alert rule",
        "template",
        "invoice",
        "release",
        "form",
    ],
    "attribute": ["field", "label", "owner", "tag", "version", "permission", "comment", "revision"],
    "dep": [
        "Python",
        "Node.js",
        "PostgreSQL",
        "Kubernetes",
        "OpenSSL",
        "Go",
        "Java",
        "Ruby",
        "Redis",
        "Chrome",
        "Android",
        "iOS",
        "macOS",
        "Windows",
        "Debian",
    ],
    "role": ["administrator", "project owner", "billing manager", "workspace admin", "maintainer", "editor"],
    "button": ["Save", "Apply", "Done", "Confirm", "Update", "Publish", "Continue"],
    "metric": [
        "p99 latency",
        "build time",
        "memory use",
        "storage costs",
        "cold-start time",
        "error rate",
        "page weight",
        "bundle size",
        "query time",
        "CPU usage",
        "the time to first byte",
    ],
    "team": [
        "the platform team",
        "our infrastructure group",
        "the mobile team",
        "the docs team",
        "the search team",
        "our support engineers",
        "the billing team",
        "the data team",
    ],
    "tech": [
        "SQLite",
        "a message queue",
        "server-side rendering",
        "a write-ahead log",
        "Rust",
        "a columnar store",
        "HTTP/2",
        "WebAssembly",
        "a content delivery network",
        "gRPC",
        "a token bucket",
        "background workers",
        "an event log",
        "incremental builds",
    ],
}

# --------------------------------------------------------------------------- neutral-only words
N: dict[str, list[str]] = {
    "supports": [
        "supports",
        "adds support for",
        "includes",
        "no longer supports",
        "requires",
        "deprecates",
        "documents",
        "changes the default for",
    ],
    "feature": [
        "CSV export",
        "two-factor authentication",
        "custom domains",
        "audit logging",
        "webhook retries",
        "dark mode",
        "keyboard shortcuts",
        "bulk editing",
        "read replicas",
        "scheduled reports",
        "role-based access",
        "offline mode",
        "saved filters",
        "API pagination",
        "rate limiting",
        "incremental sync",
        "SAML single sign-on",
        "time zone settings",
        "usage quotas",
        "draft versions",
        "per-project tokens",
        "HTTP/2 push",
        "field validation",
    ],
    "default_behavior": [
        "keeps logs for 30 days",
        "retries a failed request three times",
        "sends one email per day",
        "stores files in the region you chose at sign-up",
        "times out after 60 seconds",
        "syncs every five minutes",
        "returns 50 results per page",
        "rejects files larger than 25 MB",
        "uses the workspace time zone",
        "checks for updates once a week",
        "compresses images to WebP",
        "caches responses for ten minutes",
    ],
    "condition": [
        "the token has expired",
        "the upload is interrupted",
        "two people edit the same field",
        "the disk is almost full",
        "a webhook endpoint returns an error",
        "you remove the last administrator",
        "the import file has duplicate rows",
        "the network connection drops",
        "a job runs longer than its timeout",
        "the certificate is about to expire",
        "a branch has merge conflicts",
    ],
    "consequence": [
        "shows a warning and keeps the previous version",
        "pauses the job and retries it later",
        "returns a 409 status code",
        "sends a notification to the project owner",
        "logs the error and skips the row",
        "keeps working offline and syncs when the connection returns",
        "asks you to sign in again",
        "marks the build as failed",
        "rolls back to the last working release",
    ],
    "param": [
        "timeout",
        "page_size",
        "region",
        "retry_limit",
        "format",
        "locale",
        "batch_size",
        "cache_ttl",
        "log_level",
    ],
    "what": [
        "how long a request may take",
        "how many items a page returns",
        "where data is stored",
        "how often a failed call is repeated",
        "the file format of the export",
        "the language used for dates and numbers",
        "the number of rows in each upload batch",
        "how long a response is cached",
        "how much detail the log shows",
    ],
    "value": ["30 seconds", "50", "us-east", "3", "JSON", "en-US", "100", "ten minutes", "info"],
    "limitation": [
        "delete archived projects",
        "support nested folders",
        "encrypt files on the client",
        "run on 32-bit systems",
        "import spreadsheets larger than 10 MB",
        "keep history beyond 90 days",
        "sync shared calendars",
        "work behind every proxy",
    ],
    "alternative": [
        "the bulk API",
        "the export tool",
        "a scheduled job",
        "the command-line client",
        "a custom integration",
        "the admin API",
        "a separate workspace",
    ],
    "prereq": [
        "you have an administrator account",
        "the CLI is installed and up to date",
        "your domain has a verified DNS record",
        "you have created an API key",
        "billing is set up for the workspace",
        "the cluster runs version 1.4 or later",
        "you have backed up your data",
        "port 8443 is open on the firewall",
    ],
    "bug_symptom": [
        "showed the wrong time zone in exported reports",
        "failed to load on slow connections",
        "ignored the retry limit",
        "sent duplicate notifications",
        "crashed when a file name contained an emoji",
        "did not save the last column width",
        "reported an incorrect item count",
        "used too much memory on large imports",
        "skipped the first row of CSV files",
        "logged users out after an update",
        "returned a 500 error for empty search queries",
        "rendered tables off screen on phones",
    ],
    "change": [
        "shows the file size next to each attachment",
        "validates email addresses before sending",
        "keeps the sort order when you reload the page",
        "accepts dates in ISO 8601 format",
        "retries webhooks with exponential backoff",
        "loads the first page of results before the rest",
        "writes a log line for each permission change",
        "uses less memory when importing large files",
        "asks for confirmation before deleting a workspace",
        "respects the system dark mode setting",
        "starts about 200 ms faster on a cold cache",
        "returns results in a stable order",
    ],
    "old_thing": [
        "v1 search endpoint",
        "legacy import format",
        "old settings page",
        "XML export",
        "basic authentication option",
        "beta sharing dialog",
        "classic editor",
    ],
    "new_thing": [
        "the v2 endpoint",
        "the CSV importer",
        "the new settings page",
        "JSON export",
        "API tokens",
        "the sharing panel",
        "the block editor",
    ],
    "fix_phrase": [
        "fixes several crashes on startup",
        "fixes a memory leak in the importer",
        "corrects the totals in monthly reports",
        "resolves a sign-in loop on Safari",
        "fixes keyboard navigation in menus",
        "addresses two security advisories",
    ],
    "limit": [
        "100 requests per minute",
        "the upload size limit",
        "the monthly quota",
        "the maximum page size",
        "five concurrent jobs",
    ],
    "code": ["429", "413", "403", "400", "409"],
    "n": ["64", "80", "100", "120", "255"],
    "setting": [
        "Auto-archive",
        "Email digests",
        "Strict mode",
        "Read receipts",
        "Two-step sign-in",
        "Compact view",
        "Show line numbers",
        "Public link sharing",
    ],
    "effect": [
        "move finished tasks to the archive after 30 days",
        "get one summary email per week",
        "block pushes that skip review",
        "let senders see when you read a message",
        "ask for a code each time you sign in",
        "fit more rows on the screen",
        "number each line in the editor",
        "let anyone with the link view the file",
    ],
    "blank_behavior": [
        "the workspace name is used",
        "the report covers the last 30 days",
        "no expiry date is set",
        "all members are notified",
        "the default template is used",
    ],
    "did": [
        "rebuilt the search index",
        "moved the scheduler to a new queue",
        "cut the size of the mobile app",
        "replaced the billing backend",
        "debugged a slow memory leak",
        "reworked the import pipeline",
        "added tracing to every request",
        "split the monolith into three services",
    ],
    "new_arch": [
        "a single Postgres instance",
        "a set of background workers",
        "a columnar store",
        "one process per tenant",
        "a shared read cache",
    ],
    "will_do": [
        "retry the request after 30 seconds",
        "stop at the first error",
        "keep the old value",
        "ask you to confirm the change",
        "skip files that are already uploaded",
        "print a warning and continue",
        "run again at the next interval",
        "fall back to the cached copy",
    ],
    "team_bare": ["docs team", "security team", "platform team", "support team", "release team"],
    "pct": ["12", "18", "25", "30", "40", "55", "60"],
    "reason": [
        "it was already running in production",
        "the team knew it well",
        "it kept the deployment simple",
        "it handles our write volume on one machine",
        "its failure modes are well documented",
        "it has no license fees",
    ],
    "tradeoff": [
        "writes take a little longer",
        "the first request after a deploy is slower",
        "we need more disk space for the index",
        "schema changes need a migration step",
        "we lost the ability to query across tenants",
        "debugging requires more logging",
    ],
    "origin": [
        "a weekend project",
        "an internal tool for the support team",
        "a fork of an older library",
        "a script that ran every night",
        "a prototype for a single customer",
    ],
    "activity": [
        "migrating the data",
        "writing the tests",
        "tuning the queries",
        "reviewing the design",
        "measuring the old system",
        "cleaning up the configuration",
        "talking to users",
    ],
}

# --------------------------------------------------------------------------- hype-only words
H: dict[str, list[str]] = {
    "superlative": [
        "best",
        "fastest",
        "most powerful",
        "most advanced",
        "smartest",
        "most innovative",
        "ultimate",
        "most intuitive",
        "greatest",
        "most complete",
        "most beautiful",
        "boldest",
    ],
    "buzz_adj": [
        "revolutionary",
        "groundbreaking",
        "game-changing",
        "cutting-edge",
        "next-generation",
        "world-class",
        "best-in-class",
        "industry-leading",
        "state-of-the-art",
        "disruptive",
        "unparalleled",
        "unrivaled",
        "breakthrough",
        "mind-blowing",
        "jaw-dropping",
        "magical",
        "insanely powerful",
        "blazing-fast",
        "lightning-fast",
        "stunning",
        "incredible",
        "amazing",
        "phenomenal",
        "spectacular",
        "unbelievable",
        "epic",
    ],
    "hype_noun": [
        "performance",
        "speed",
        "power",
        "productivity",
        "collaboration",
        "simplicity",
        "innovation",
        "experiences",
        "results",
        "efficiency",
        "creativity",
        "insights",
        "growth",
    ],
    "hype_verb": [
        "supercharge",
        "turbocharge",
        "revolutionize",
        "transform",
        "skyrocket",
        "elevate",
        "unleash",
        "unlock",
        "reinvent",
        "10x",
        "turbo-boost",
        "dominate",
        "level up",
        "future-proof",
    ],
    "hype_result": [
        "results you have never seen before",
        "unmatched speed and reliability",
        "limitless possibilities",
        "an experience like no other",
        "pure magic",
        "effortless perfection",
        "productivity gains that will blow your mind",
        "jaw-dropping results from day one",
        "a whole new level of awesome",
        "unprecedented power at your fingertips",
        "seamless, frictionless joy",
        "the results your competitors can only dream of",
    ],
    "pain": [
        "slow builds",
        "messy spreadsheets",
        "endless meetings",
        "boring reports",
        "clunky tools",
        "manual busywork",
        "frustrating setup",
        "outdated dashboards",
        "data silos",
        "bugs",
        "tedious onboarding",
        "complicated workflows",
    ],
    "big_number": [
        "millions of",
        "over 10 million",
        "thousands of",
        "countless",
        "hundreds of thousands of",
        "the world's top",
        "over 50,000",
        "legions of",
    ],
    "love": ["love", "swear by", "can't live without", "rave about", "are obsessed with", "adore"],
    "offer": [
        "upgrade today and save 50%",
        "start your free trial now",
        "grab this limited-time deal",
        "claim your exclusive early access",
        "sign up before spots run out",
        "lock in lifetime pricing today",
        "get it free for a limited time",
    ],
    "feeling": [
        "thrilled",
        "beyond excited",
        "incredibly proud",
        "over the moon",
        "absolutely delighted",
        "so excited",
        "ecstatic",
        "pumped",
    ],
    "ever": ["ever", "of all time", "on the planet", "in the world", "in history", "on the market"],
    "easy": [
        "ridiculously easy",
        "insanely simple",
        "totally effortless",
        "a breeze",
        "pure joy",
        "unbelievably fast",
        "super simple",
        "magically easy",
    ],
    "speedup": [
        "10x faster",
        "lightning fast",
        "instant",
        "faster than ever",
        "100x more productive",
        "unstoppable",
        "effortless",
    ],
    "n_feat": ["dozens of", "tons of", "a ton of", "loads of", "a mountain of", "an avalanche of"],
    "wow": [
        "Wow!",
        "Boom!",
        "Amazing!",
        "Get excited!",
        "This is huge!",
        "Mind. Blown.",
        "Incredible!",
        "It's here!",
        "Finally!",
    ],
}

NEUTRAL_TEMPLATES: dict[str, list[str]] = {
    # product docs
    "docs-open": ["To {task}, open {place} and select {ui_item}."],
    "docs-supports": ["{product} {version} {supports} {feature}."],
    "docs-default": ["By default, {component} {default_behavior}."],
    "docs-if": ["If {condition}, {component} {consequence}."],
    "docs-param": ["The {param_doc}."],
    "docs-cli": ["You can {task} from {place} or with the {product_lc} command-line client."],
    "docs-each": ["Each {entity} can have up to {n} {attribute}s."],
    "docs-limit": ["{Component} does not {limitation}; use {alternative} instead."],
    "docs-page": ["This page explains how to {task} in {product}."],
    "docs-prereq": ["Before you begin, make sure that {prereq}."],
    "docs-error": ["Requests that exceed {limit} return an error with status {code}."],
    "docs-note": ["Note that {component} {default_behavior}, so plan for that when you {task}."],
    "docs-steps": ["After you {task}, it can take a few minutes before {component} shows the change."],
    # release notes
    "rel-fixed": ["Fixed an issue where {component} {bug_symptom}."],
    "rel-now": ["{Component} now {change}."],
    "rel-added": ["Added {feature} to {component}."],
    "rel-removed": ["Removed the {old_thing}; use {new_thing} instead."],
    "rel-version": ["Version {version} adds {feature} and {fix_phrase}."],
    "rel-min": ["The minimum supported version of {dep} is now {version}."],
    "rel-msg": ["Improved the error message shown when {condition}."],
    "rel-updated": ["Updated the bundled {dep} client from {version} to {version2}."],
    "rel-perf": ["{Component} {change}, which reduces {metric} by about {pct} percent in our tests."],
    "rel-known": ["Known issue: {component} {bug_symptom} in some cases; a fix is planned for {version2}."],
    # UI help
    "ui-select": ["Select {ui_item} to {task}."],
    "ui-name": ["Enter a name for the {entity}. Names can contain up to {n} characters."],
    "ui-save": ["Changes are saved when you click {button}."],
    "ui-role": ["Only a {role} can {task}."],
    "ui-toggle": ["Turn on {setting_effect}."],
    "ui-blank": ["If you leave this field blank, {blank_behavior}."],
    "ui-confirm": ["Deleting this {entity} cannot be undone. Type its name and click {button} to continue."],
    "ui-empty": ["No {entity}s yet. Click {ui_item} to create one."],
    "ui-tooltip": ["Shows when this {entity} was last changed and by whom."],
    # blog prose
    "blog-post": ["In this post, we look at how {team} {did}."],
    "blog-quarter": ["Last quarter, {team} moved {component} to {new_arch}, which cut {metric} by {pct} percent."],
    "blog-chose": ["We chose {tech} because {reason}."],
    "blog-tradeoff": ["The main trade-off is that {tradeoff}."],
    "blog-origin": ["{product} started as {origin} and grew from there."],
    "blog-learned": ["Here is what we learned while {activity}."],
    "blog-time": ["Most of the time went into {activity}, not into writing new code."],
    "blog-measure": ["We measured {metric} before and after the change and saw a drop of {pct} percent."],
    "blog-next": ["Next, we plan to look at {metric}, which still varies more than we would like."],
    # second person and comparatives are normal in docs: keep them from reading as hype
    "you-stored": ["Your {entity}s are stored in the region you picked, and you can export them at any time."],
    "you-earlier": ["If you're using {product} {version} or earlier, you'll need to {task} first."],
    "you-see": ["You'll see {ui_item} in {place} once your {entity} is ready."],
    "you-whether": ["Whether you're using the web app or the CLI, your {entity} settings are the same."],
    "you-signed": ["You're signed in as a {role}, so you can {task} for your team."],
    "you-keep": ["When you {task}, your {entity}s keep their {attribute}s and history."],
    "you-check": ["If you don't see {ui_item}, check your {entity} permissions or ask your {role}."],
    "you-find": ["You can find your API key in {place}; keep it private and rotate it if it leaks."],
    "you-best": [
        "The best way to {task} is to use {alternative}, because it handles retries for you.",
        "As a best practice, {task} before you change {component}.",
    ],
    "you-fastest": [
        "The fastest way to {task} is from {place}.",
        "The biggest change in {version} is that {component} {change}.",
    ],
    "you-want": ["If you want to {task}, you'll need the {role} role in your workspace."],
    "you-recommend": ["We recommend that you {task} at least once a month."],
    # plain verbs and comparatives with a concrete object are normal in release notes
    "plain-easier": [
        "{Component} makes it easier to {task} on small screens.",
        "This change makes it easier to {task} when you have many {entity}s.",
    ],
    "plain-brings": [
        "{product} {version} brings {feature} to {component}.",
        "This update brings {feature} and a simpler way to {task}.",
    ],
    "plain-faster": [
        "{Component} is faster on large projects because it {change}.",
        "The new {component_bare} uses less memory when you {task}.",
    ],
    "plain-available": [
        "{feature_cap} is now available to all workspaces.",
        "{product} {version} is now available for {dep}.",
    ],
    "plain-delivers": [
        "{Component} delivers events in the order they were created.",
        "The service delivers each message at least once, so handlers should be idempotent.",
    ],
    "plain-explore": [
        "Explore the sample project to see how {component} handles {feature}.",
        "Try the demo to compare {feature} with the previous behavior.",
    ],
    # common words that hype also uses, in plain sentences
    "plain-will": [
        "{Component} will {will_do} if {condition}.",
        "Starting with {version}, {component} will {will_do} by default.",
    ],
    "plain-just": [
        "You just need to {task} once per workspace.",
        "The import just copies the files; it does not change them.",
    ],
    "plain-get": [
        "To get an API key for {product}, open {place}.",
        "You get one free {entity} per workspace; more need a paid plan.",
        "Get the latest version of the {product_lc} client from the downloads page.",
    ],
    "plain-everyone": [
        "Changes to a shared {entity} are visible to everyone in the workspace.",
        "The backup includes everything in the workspace except archived {entity}s.",
    ],
    "plain-our": [
        "Our {team_bare} reviews every change to {component} before it ships.",
        "Our status page lists current incidents and planned maintenance for {product}.",
    ],
    "plain-with": [
        "{product} works with {dep} {version} and later.",
        "Start with a small {entity} and add {attribute}s as you need them.",
    ],
    "blog-users": ["Several {audience} told us that {task_ing} took too many steps, so we reduced it to two."],
}

HYPE_TEMPLATES: dict[str, list[str]] = {
    # product pages
    "h-ever": [
        "{product} is the {superlative} {category} {ever}!",
        "{product} is simply the {superlative} {category} {ever}.",
    ],
    "h-goodbye": ["Say goodbye to {pain} forever!", "Say goodbye to {pain} and hello to {hype_result}."],
    "h-unleash": [
        "Unleash the full power of your {thing} with {product}.",
        "Unleash {buzz_adj} {hype_noun} with {product}!",
    ],
    "h-transform": [
        "{product} will completely transform the way you {task_base}.",
        "{product} will forever change how your {thing} works.",
    ],
    "h-experience": [
        "Experience {buzz_adj} {hype_noun} like never before!",
        "Experience {hype_noun} that feels {buzz_adj}.",
    ],
    "h-delivers": [
        "Our {buzz_adj} {feature_h} delivers {hype_result}.",
        "The {buzz_adj} new {component_bare} delivers {hype_result}.",
    ],
    "h-getready": [
        "Get ready to {hype_verb} your {thing}!",
        "Get ready to {hype_verb} your {thing} like never before.",
    ],
    "h-gamechanger": [
        "This is a total game-changer for {audience}.",
        "Honestly, this is a game-changer for {audience} everywhere.",
    ],
    "h-join": [
        "Join {big_number} {audience} who already {love} {product}.",
        "{big_number_cap} {audience} {love} {product}, and you will too!",
    ],
    "h-version": ["{product} {version}: {speedup}, smarter and more {buzz_adj} than ever!"],
    "h-reimagined": ["We've reimagined {component_bare_pl} from the ground up to bring you {hype_result}."],
    "h-future": [
        "The future of {category_pl} is here, and it's called {product}.",
        "{product} is the future of {category_pl}. Period.",
    ],
    "h-supercharge": [
        "{hype_verb_cap} your {thing} and see {hype_result} in seconds.",
        "{hype_verb_cap} your {thing} in just one click!",
    ],
    "h-nocompare": [
        "No other {category} even comes close to {product}.",
        "Nothing on the market comes close to {product}.",
    ],
    "h-easy": ["{product} makes {gerund} {easy}.", "With {product}, {gerund} is {easy}!"],
    "h-amazed": [
        "Prepare to be amazed by our {buzz_adj} {feature_h}.",
        "You will be blown away by the {buzz_adj} {feature_h}.",
    ],
    "h-offer": ["Don't miss out: {offer}!", "{wow} {offer_cap}!"],
    "h-demand": [
        "Built for {audience} who demand nothing less than perfection.",
        "Built for {audience} who refuse to settle for anything but the {superlative}.",
    ],
    # release notes
    "h-rel-biggest": [
        "Our biggest release {ever} is finally here!",
        "{product} {version} is our most {buzz_adj} release {ever}!",
    ],
    "h-rel-packed": [
        "Version {version} is packed with {n_feat} {buzz_adj} features you'll absolutely love.",
        "This update is jam-packed with {buzz_adj} goodies!",
    ],
    "h-rel-perf": ["{component_cap_bare} is now {speedup}, delivering {buzz_adj} {hype_noun}!"],
    "h-rel-wow": ["{wow} {product} {version} brings {buzz_adj} {feature_h} to everyone."],
    # UI
    "h-ui-unlock": [
        "Upgrade now to unlock {buzz_adj} {hype_noun}!",
        "Click here to unlock {buzz_adj} {feature_h} today!",
    ],
    "h-ui-love": ["You're going to love this!", "You're going to absolutely love our {buzz_adj} {feature_h}!"],
    "h-ui-premium": ["Go Premium and {hype_verb} your {thing} instantly!"],
    # blog
    "h-blog-thrilled": [
        "We're {feeling} to announce the {superlative} {product} {ever}!",
        "We are {feeling} to unveil our {buzz_adj} new {feature_h}.",
    ],
    "h-blog-changes": [
        "This changes everything for {audience}.",
        "{product} changes everything you thought you knew about {category_pl}.",
    ],
    "h-blog-mission": [
        "Our mission is to {hype_verb} {thing_any} for {audience} everywhere, and we're just getting started!"
    ],
    "h-blog-secret": [
        "The secret weapon {audience} are using to {hype_verb} their {thing}.",
        "This one {buzz_adj} trick will {hype_verb} your {thing}.",
    ],
    "h-blog-dream": ["Imagine a world where {gerund} is {easy}. With {product}, that world is here!"],
    "h-blog-revolution": [
        "We're not just building a {category}; we're starting a revolution.",
        "{product} is not a {category}, it's a movement.",
    ],
    "h-synergy": [
        "{product} harnesses the synergy of {buzz_adj} AI and {buzz_adj} design to {hype_verb} your {thing}.",
        "Leverage {buzz_adj} AI-powered {hype_noun} to {hype_verb} your {thing} at scale.",
    ],
    "h-seamless": [
        "Seamless, effortless, and {buzz_adj}: {product} just works, every single time.",
        "Enjoy a seamless, frictionless, {buzz_adj} experience from day one.",
    ],
    "h-blazing": ["Blazing-fast {feature_h}, effortless {hype_noun} and {buzz_adj} {hype_noun2}, all in one place."],
    "h-never": [
        "You'll never want to {task_base} any other way again!",
        "Once you try {product}, you'll never go back.",
    ],
    "h-promise": [
        "{product} guarantees {hype_result}, or your money back!",
        "We promise {product} will {hype_verb} your {thing} overnight.",
    ],
    "h-unbelievable": ["It's unbelievably powerful, incredibly simple, and {buzz_adj} in every way!"],
    "h-topnotch": [
        "{product}'s {buzz_adj} {feature_h} sets a new standard for {category_pl} everywhere.",
        "{product} redefines what a {category} can be.",
    ],
}

H["feature_h"] = [
    "dashboard",
    "editor",
    "search",
    "automation",
    "analytics",
    "workflows",
    "sync engine",
    "collaboration tools",
    "AI assistant",
    "integrations",
    "reporting",
    "deployment engine",
]
H["hype_noun2"] = H["hype_noun"]


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _slot(name: str, rng: random.Random, label: str) -> str:
    """One value for a template slot (some slots are derived from others)."""
    pools = {**V, **(N if label == "neutral" else H)}
    if name == "version" or name == "version2":
        return f"{rng.randint(1, 9)}.{rng.randint(0, 24)}" + (f".{rng.randint(0, 9)}" if rng.random() < 0.4 else "")
    if name == "param_doc":
        i = rng.randrange(len(N["param"]))
        return f"{N['param'][i]} parameter sets {N['what'][i]}; the default is {N['value'][i]}"
    if name == "setting_effect":
        i = rng.randrange(len(N["setting"]))
        return f"{N['setting'][i]} to {N['effect'][i]}"
    if name == "product_lc":
        return rng.choice(V["product"]).lower().replace(" ", "-")
    if name in ("Component", "component_cap"):
        c = rng.choice(V["component"])
        return c[0].upper() + c[1:]
    if name == "component_bare":
        return rng.choice(V["component"])[4:]
    if name == "component_cap_bare":
        c = rng.choice(V["component"])[4:]
        return "Our " + c
    if name == "component_bare_pl":
        return _plural(rng.choice(V["component"])[4:])
    if name == "category_pl":
        return _plural(rng.choice(V["category"]))
    if name == "task_base":
        return rng.choice(V["task"])
    if name == "task_ing":
        return rng.choice(V["gerund"])
    if name == "thing_any":
        return rng.choice(V["thing"])
    if name.endswith("_cap"):
        v = _slot(name[:-4], rng, label)
        return v[0].upper() + v[1:]
    return rng.choice(pools[name])


def _fill(template: str, rng: random.Random, label: str) -> str:
    text = re.sub(r"\{(\w+)\}", lambda m: _slot(m.group(1), rng, label), template)
    text = text[0].upper() + text[1:]
    return re.sub(r"\s+", " ", text).strip()


def generate(seed: int = SEED) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for label, templates in (("neutral", NEUTRAL_TEMPLATES), ("hype", HYPE_TEMPLATES)):
        for group, variants in templates.items():
            made, tries = 0, 0
            while made < PER_TEMPLATE and tries < PER_TEMPLATE * 20:
                tries += 1
                text = _fill(rng.choice(variants), rng, label)
                if text in seen:
                    continue
                seen.add(text)
                rows.append((label, f"gen-{group}", text))
                made += 1
    return rows


def main() -> None:
    rows = generate()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    body = "label\tgroup\ttext\n" + "".join(f"{l}\t{g}\t{t}\n" for l, g, t in rows)
    OUT.write_text(body, encoding="utf-8")
    counts = {lab: sum(1 for r in rows if r[0] == lab) for lab in ("hype", "neutral")}
    print(f"wrote {OUT} ({counts['hype']} hype, {counts['neutral']} neutral)")


if __name__ == "__main__":
    main()
