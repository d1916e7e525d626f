"""The ``brandlint`` command: argument parsing and exit codes only; no lint logic here."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import BrandlintError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out += [x.strip() for x in v.split(",") if x.strip()]
    return tuple(out)


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="use this config file for every path")
    p.add_argument("--select", action="append", metavar="RULES", help="comma-separated packs or rule ids to enable (replaces config)")
    p.add_argument("--extend-select", action="append", metavar="RULES", help="enable these in addition")
    p.add_argument("--ignore", action="append", metavar="RULES", help="packs or rule ids to disable")


def _add_fix_options(p: argparse.ArgumentParser, *, check: bool = False) -> None:
    """Fix options shared by `fix` and `check --fix` (the logic lives in brandlint.fixing)."""
    if check:
        p.add_argument("--fix", action="store_true", help="apply safe fixes, then report what remains")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    p.add_argument("--diff", action="store_true", help="print a unified diff of the fixes and write nothing (exit 1 if any)")
    p.add_argument("--show-fixes", action="store_true", help="list the fixes applied (rule and count per file)")


def _jobs_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes (0: one per CPU), got {value!r}")
    return n


def _add_run_options(p: argparse.ArgumentParser, *, check: bool = False) -> None:
    """Scale and file-selection options of `check` and `fix` (logic: runner, parallel, cache)."""
    p.add_argument("--jobs", "-j", type=_jobs_arg, default=None, metavar="N",
                   help="lint in N worker processes (default: one per CPU; 1: in this process)")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply exclude, extend-exclude and .gitignore to files named on the command line too (pre-commit)")
    if check:
        p.add_argument("--no-cache", action="store_true",
                       help="do not read or write the result cache (.brandlint_cache/, or $BRANDLINT_CACHE_DIR)")
        p.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def _score_arg(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {value!r}") from None
    if not 0 <= n <= 100:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {value}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="brandlint", description="Lint content against a brand's guidelines.")
    parser.add_argument("--version", action="version", version=f"brandlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files and directories")
    check.add_argument("paths", nargs="*", default=None, help="files or directories (default: .)")
    _add_common(check)
    check.add_argument("--output-format", default=None, help="text (default), concise, json, or a plugin's format")
    check.add_argument("--stdin-filename", metavar="NAME", help="read content from stdin, linted as NAME")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are reported")
    check.add_argument("--statistics", action="store_true", help="show counts per rule")
    check.add_argument("--show-suppressed", action="store_true", help="also report suppressed findings")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails the run")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    check.add_argument("-v", "--verbose", action="store_true", help="also list skipped files and timings")
    _add_fix_options(check, check=True)
    check.add_argument("-o", "--output-file", metavar="FILE", help="write the report (in --output-format) to FILE; the console gets the text summary")
    baseline = check.add_mutually_exclusive_group()
    baseline.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline file")
    baseline.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE as the baseline (they are then not reported)")
    check.add_argument("--fail-under", type=_score_arg, metavar="N", help="exit 1 when the overall content score (0-100) is below N; see `brandlint explain score`")
    _add_run_options(check, check=True)

    fix = sub.add_parser("fix", help="apply fixes to files (safe ones unless --unsafe-fixes)")
    fix.add_argument("paths", nargs="*", default=None, help="files or directories (default: .)")
    _add_common(fix)
    _add_fix_options(fix)
    fix.add_argument("--stdin-filename", metavar="NAME", help="fix content from stdin, named NAME; fixed text to stdout")
    fix.add_argument("--output-format", default=None, help="format of the remaining findings (default: text)")
    fix.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest remaining severity that fails the run")
    fix.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    fix.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when anything was fixed")
    fix.add_argument("-q", "--quiet", action="store_true", help="print remaining findings only, no summary")
    _add_run_options(fix)
    fix.add_argument("--rewrite", action="store_true", help="also rewrite what no fix repairs with a local model, "
                     "verified by re-linting (plugin brandlint-llm; [plugins.llm] in brandlint.toml)")

    rules = sub.add_parser("rules", help="list the rules enabled by the config")
    _add_common(rules)
    rules.add_argument("--all", action="store_true", help="list every loaded rule, enabled or not")
    rules.add_argument("--output-format", choices=["text", "json"], default="text")

    explain = sub.add_parser("explain", help="show a rule's documentation (or `explain score`: the content score)")
    explain.add_argument("rule")
    _add_common(explain)

    plugins = sub.add_parser("plugins", help="list loaded plugins and what each registers")
    plugins.add_argument("--config", metavar="FILE")

    init = sub.add_parser("init", help="write a starter brandlint.toml")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.add_argument("path", nargs="?", default="brandlint.toml")

    gen = sub.add_parser("generate", help="generate content from a library prompt, lint and fix it (brandlint-llm)")
    gen.add_argument("prompt", help="a prompt name from the prompt library (prompts/NAME.toml) or a .toml path")
    gen.add_argument("--var", action="append", metavar="NAME=VALUE", help="a template variable (repeatable)")
    gen.add_argument("-o", "--output", metavar="FILE", help="write the content here (default: stdout)")
    gen.add_argument("--allow-findings", action="store_true", help="write the output even when findings remain")
    gen.add_argument("--config", metavar="FILE", help="use this config file")

    prompts = sub.add_parser("prompts", help="list the prompt library (brandlint-llm)")
    prompts.add_argument("--config", metavar="FILE", help="use this config file")
    prompts.add_argument("--output-format", choices=["text", "json"], default="text")

    lsp = sub.add_parser("lsp", help="run the language server for editors (LSP over stdio)")
    lsp.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default; accepted for editors that pass it)")
    return parser


def _run_options(args, cwd: Path):
    from .runner import RunOptions
    cfg = Path(args.config) if getattr(args, "config", None) else None
    if cfg is not None and not cfg.is_file():
        raise BrandlintError(f"config file not found: {cfg}")
    return RunOptions(config=cfg, select=_csv(args.select), ignore=_csv(args.ignore),
                      extend_select=_csv(args.extend_select), cwd=cwd, jobs=getattr(args, "jobs", 1),
                      cache=hasattr(args, "no_cache") and not args.no_cache,
                      force_exclude=getattr(args, "force_exclude", False))


def _settings(args):
    from .config.settings import find_config, load_settings
    cwd = Path.cwd()
    opts = _run_options(args, cwd)
    cfg = opts.config or find_config(cwd)
    return load_settings(cfg, cwd=cwd, select=opts.select, ignore=opts.ignore, extend_select=opts.extend_select)


def cmd_check(args) -> int:
    from .findings import Severity
    from .reporters.base import ReportContext
    from .runner import FileResult, lint_file
    cwd = Path.cwd()
    opts = _run_options(args, cwd)
    if args.fix or args.diff:  # fix first (brandlint.fixing), then report what remains
        from .fixing import apply_fixes_for_cli
        code, _ = apply_fixes_for_cli(args, opts)
        if code is not None:
            return code
    results: list[FileResult] = []
    if args.stdin_filename:
        from .config.settings import find_config, load_settings
        name = args.stdin_filename
        cfg = opts.config or find_config(Path(name).resolve())
        settings = load_settings(cfg, cwd=cwd, select=opts.select, ignore=opts.ignore, extend_select=opts.extend_select)
        from .runner import is_excluded
        if not (opts.force_exclude and is_excluded(Path(name), settings)):  # excluded: lint nothing
            results.append(lint_file(Path(name), settings, content=sys.stdin.buffer.read(), display_path=name))
    else:
        from .parallel import lint_with_progress
        results = lint_with_progress(args.paths or ["."], opts, show=not args.no_progress)
        settings = None
    if settings is None:
        from .config.settings import find_config, load_settings
        cfg = opts.config or find_config(cwd)
        settings = load_settings(cfg, cwd=cwd, select=opts.select, ignore=opts.ignore, extend_select=opts.extend_select)
    fmt_name = args.output_format or settings.get("output-format", "text")
    reporter = settings.registry.reporters.get(fmt_name)
    if reporter is None:
        raise BrandlintError(f"unknown output format {fmt_name!r}: choose from {', '.join(sorted(settings.registry.reporters))}")
    fail_on = Severity.parse(args.fail_on) if args.fail_on else settings.fail_on
    baseline = args.baseline or args.write_baseline
    if baseline:  # findings in the baseline become suppressed (kind "baseline")
        from .baseline import apply_baseline, write_baseline
        if args.write_baseline:
            n = write_baseline(args.write_baseline, results, __version__)
            print(f"Wrote {n} finding{'s' * (n != 1)} to the baseline {args.write_baseline}.", file=sys.stderr)
        apply_baseline(results, baseline)
    to_file = bool(args.output_file)
    ctx = ReportContext(version=__version__, rules={r.id: r for r in settings.all_rules},
                        show_suppressed=args.show_suppressed, statistics=args.statistics,
                        color=not to_file and sys.stdout.isatty() and "NO_COLOR" not in os.environ and fmt_name in ("text", "full", "concise"),
                        fail_on=fail_on, quiet=args.quiet, baseline=baseline, root=str(settings.root))
    text = reporter.report(results, ctx)
    if args.quiet and fmt_name in ("text", "full", "concise"):
        text = "\n".join(l for l in text.splitlines() if not l.startswith(("Found ", "All checks passed", "[*] ")) and not l.endswith(" suppressed.")) + "\n"
        text = text if text.strip() else ""
    if to_file:
        _write_report(Path(args.output_file), text)
        if not args.quiet:  # the console still gets the text summary
            from .reporters.text import score_line, summary
            print(summary(results, ctx))
            print(score_line(results))
    else:
        sys.stdout.write(text)
    if args.verbose:
        for r in results:
            if r.note:
                print(f"{r.path}: {r.note}", file=sys.stderr)
        if not args.stdin_filename:
            from .parallel import last_run
            print(last_run.line(), file=sys.stderr)
        if opts.cache:
            from .cache import stats_line
            print(stats_line(), file=sys.stderr)
    fail_under = args.fail_under if args.fail_under is not None else settings.get("fail-under")
    if fail_under is not None:  # the score gate applies even with --exit-zero
        from .score import format_score, overall_score
        score = overall_score(results)
        if score.value < fail_under:
            print(f"Score {score}/100 is below fail-under {format_score(fail_under)}.", file=sys.stderr)
            return EXIT_FINDINGS
    failing = [f for r in results for f in r.active if f.severity >= fail_on]
    if failing and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _write_report(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise BrandlintError(f"cannot write the report to {path}: {exc.strerror or exc}") from None


def cmd_fix(args) -> int:
    if args.rewrite:  # model rewrites come from a plugin's fixer (brandlint-llm)
        return _plugin_fixer(_settings(args).registry, "rewrite").run_fix_command(args, _run_options(args, Path.cwd()))
    from .fixing import run_fix_command
    return run_fix_command(args, _run_options(args, Path.cwd()))


LLM_PLUGIN_HINT = "install brandlint-llm (pip install -e plugins/brandlint-llm)"


def _plugin_fixer(registry, name: str):
    """A fixer registered through the ``brandlint_fixers`` hook, or a clear error naming the plugin."""
    fixer = registry.fixers.get(name)
    if fixer is None:
        raise BrandlintError(f"no plugin provides the {name!r} fixer: {LLM_PLUGIN_HINT}")
    return fixer


def _plain_settings(args):
    from .config.settings import find_config, load_settings
    cfg = Path(args.config) if args.config else find_config(Path.cwd())
    if cfg is not None and not cfg.is_file():
        raise BrandlintError(f"config file not found: {cfg}")
    return load_settings(cfg, cwd=Path.cwd())


def cmd_generate(args) -> int:
    settings = _plain_settings(args)
    return _plugin_fixer(settings.registry, "generate").run_generate_command(args, settings)


def cmd_prompts(args) -> int:
    settings = _plain_settings(args)
    return _plugin_fixer(settings.registry, "generate").run_prompts_command(args, settings)


def cmd_rules(args) -> int:
    import json
    from .rules.base import FixAvailability
    settings = _settings(args)
    enabled = set(settings.ruleset_for(settings.root / "_").ids)
    rows = [r for r in settings.all_rules if args.all or r.id in enabled]
    if args.output_format == "json":
        print(json.dumps([{"id": r.id, "kind": r.meta.kind, "pack": r.meta.pack, "severity": str(r.meta.severity),
                           "enabled": r.id in enabled, "fixable": r.fix_availability is not FixAvailability.NEVER,
                           "fix": r.fix_availability.value, "summary": r.meta.docs.what} for r in rows], indent=2))
        return EXIT_CLEAN
    if not rows:
        print("No rules enabled: add packs to brandlint.toml (see `brandlint init`).")
        return EXIT_CLEAN
    w = max(len(r.id) for r in rows)
    for r in rows:
        mark = "" if r.id in enabled else "  (disabled)"
        what = (r.meta.docs.what.strip().splitlines() or [""])[0]
        fix = "" if r.fix_availability is FixAvailability.NEVER else f"fix:{r.fix_availability.value}"
        print(f"{r.id:<{w}}  {r.meta.kind:<15} {str(r.meta.severity):<8} {fix:<14}{what}{mark}")
    return EXIT_CLEAN


def cmd_explain(args) -> int:
    if args.rule == "score":  # not a rule id (those are pack/rule): the content score's formula
        from .score import EXPLANATION
        print(EXPLANATION.rstrip())
        return EXIT_CLEAN
    settings = _settings(args)
    rule = next((r for r in settings.all_rules if r.id == args.rule), None)
    if rule is None:
        import difflib
        close = difflib.get_close_matches(args.rule, [r.id for r in settings.all_rules], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; see `brandlint rules --all`"
        raise BrandlintError(f"unknown rule {args.rule!r}{hint}")
    m = rule.meta
    print(rule.meta.docs.markdown(m.id).rstrip())
    print(f"\nKind: {m.kind}   Severity: {m.severity}   Pack: {m.pack}")
    if m.scope:
        print(f"Scope: {', '.join(m.scope)}")
    print(f"Message: {m.message}")
    print(f"Defined in: {m.source}")
    return EXIT_CLEAN


def cmd_plugins(args) -> int:
    from .config.settings import find_config
    from .config.settings import read_config_file
    from .plugins.manager import build_registry
    cfg = Path(args.config) if args.config else find_config(Path.cwd())
    paths: list[Path] = []
    if cfg:
        data, origins = read_config_file(cfg)
        base = origins.get("plugin-paths", cfg.resolve().parent)
        paths = [base / p for p in data.get("plugin-paths", ())]
    reg = build_registry(paths)
    for info in reg.plugins:
        print(f"{info.name}  ({info.version}, {info.origin})")
        for what, names in sorted(info.registers.items()):
            print(f"    {what}: {', '.join(names)}")
    for name, reason in reg.failures:
        print(f"error: plugin {name!r} failed to load: {reason}", file=sys.stderr)
    return EXIT_ERROR if reg.failures else EXIT_CLEAN


STARTER = '''# brandlint configuration: see brandlint.toml.example for every option.
# Rule packs to load: names of installed packs or directories of rule TOML files.
packs = ["ai-tells", "inclusive", "plain-language"]

# Enable everything from those packs; narrow with pack names or rule ids.
select = ["ALL"]
ignore = []

# Lowest severity that makes `brandlint check` exit 1.
fail-on = "warning"

[formats.json]
# Which string values are prose (JSONPath-like selectors); keys are never linted.
prose = ["$..*"]
'''


def cmd_init(args) -> int:
    path = Path(args.path)
    if path.exists() and not args.force:
        raise BrandlintError(f"{path} already exists (use --force to overwrite)")
    path.write_text(STARTER, encoding="utf-8")
    print(f"wrote {path}")
    return EXIT_CLEAN


def cmd_lsp(args) -> int:
    from . import lsp  # pygls is imported only here, never by other commands
    lsp.start_io()
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    handler = {"check": cmd_check, "rules": cmd_rules, "explain": cmd_explain,
               "plugins": cmd_plugins, "init": cmd_init, "fix": cmd_fix,
               "generate": cmd_generate, "prompts": cmd_prompts,
               "lsp": cmd_lsp}[args.command]
    try:
        return handler(args)
    except BrandlintError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
