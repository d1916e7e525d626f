/**
 * Drives the real `brandlint lsp` the way the extension starts it, without VS Code.
 *
 * `node out/test/harness.js session JOB.json` resolves and launches the server with the
 * extension's own `serverLaunch()` (out/src/server.js), spawns it exactly as
 * vscode-languageclient 9 does for an `Executable` without a transport
 * (`child_process.spawn(command, args, options)`, JSON-RPC over stdin/stdout), initializes with
 * the capabilities VS Code's client declares for the features used here, opens a document,
 * collects publishDiagnostics, applies a quick fix and then the extension's "fix all" request,
 * and prints a JSON report. The Python test asserts on that report.
 *
 * `node out/test/harness.js resolve JOB.json` prints what `serverLaunch()` / `resolveExecutable()`
 * return for each case in the job (where the executable is looked for, in which order).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import { pathToFileURL } from "url";
import {
    ClientCapabilities,
    CodeAction,
    CodeActionRequest,
    CodeActionResolveRequest,
    Command,
    createProtocolConnection,
    Diagnostic,
    DiagnosticTag,
    DidChangeTextDocumentNotification,
    DidOpenTextDocumentNotification,
    ExitNotification,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    PublishDiagnosticsParams,
    RegistrationRequest,
    ShowMessageNotification,
    ShutdownRequest,
    StreamMessageReader,
    StreamMessageWriter,
    TextEdit,
    WorkspaceEdit,
} from "vscode-languageserver-protocol/node";

import { ExecutableNotFound, fixAllParams, resolveExecutable, serverLaunch, Settings } from "../src/server";

interface SessionJob {
    workspace: string;
    file: string;
    languageId: string;
    settings: Settings;
    /** The title of the quick fix to apply (a prefix is enough). */
    quickFix: string;
    timeoutMs?: number;
}

/** What vscode-languageclient 9.0.1's computeClientCapabilities() and its diagnostic, code
 * action and file-watcher features declare (the parts this session exercises). */
const CAPABILITIES: ClientCapabilities = {
    general: { positionEncodings: ["utf-16"] },
    workspace: {
        applyEdit: true,
        workspaceEdit: { documentChanges: true, normalizesLineEndings: true },
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        workspaceFolders: true,
        configuration: true,
    },
    textDocument: {
        synchronization: { dynamicRegistration: true, didSave: true, willSave: true, willSaveWaitUntil: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true,
                              dataSupport: true, tagSupport: { valueSet: [DiagnosticTag.Unnecessary, DiagnosticTag.Deprecated] } },
        codeAction: {
            dynamicRegistration: true, isPreferredSupport: true, disabledSupport: true, dataSupport: true,
            resolveSupport: { properties: ["edit"] }, honorsChangeAnnotations: true,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ["", "quickfix", "refactor", "refactor.extract",
                "refactor.inline", "refactor.rewrite", "source", "source.organizeImports"] } },
        },
        hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
    },
    window: { showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
};

/** Apply LSP text edits to `text`. JavaScript strings are UTF-16, so LSP characters index them directly. */
export function applyEdits(text: string, edits: TextEdit[]): string {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "\r" && text[i + 1] === "\n") {
            starts.push(i + 2);
            i++;
        } else if (c === "\n" || c === "\r") {
            starts.push(i + 1);
        }
    }
    const offset = (p: { line: number; character: number }) => starts[p.line] + p.character;
    const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
    let out = text;
    for (const e of sorted) {
        out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
    }
    return out;
}

function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
    const out: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
    for (const change of edit.documentChanges ?? []) {
        if ("textDocument" in change && change.textDocument.uri === uri) {
            out.push(...(change.edits as TextEdit[]));
        }
    }
    return out;
}

function brief(d: Diagnostic) {
    return { range: d.range, message: d.message, code: d.code, source: d.source, severity: d.severity,
             href: d.codeDescription?.href ?? null };
}

async function session(job: SessionJob): Promise<unknown> {
    const timeout = job.timeoutMs ?? 60000;
    const launch = serverLaunch({ workspaceFolder: job.workspace, trusted: true, settings: job.settings,
                                  env: process.env, platform: process.platform });
    const proc = spawn(launch.command, launch.args, launch.options);
    let stderr = "";
    proc.stderr.on("data", (d) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const published: PublishDiagnosticsParams[] = [];
    const waiters: Array<() => void> = [];
    const messages: string[] = [];
    const registrations: string[] = [];
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
        published.push(p);
        waiters.splice(0).forEach((w) => w());
    });
    conn.onNotification(ShowMessageNotification.type, (p) => messages.push(p.message));
    conn.onRequest(RegistrationRequest.type, (p) => {
        registrations.push(...p.registrations.map((r) => r.method));
        return null;
    });
    conn.listen();

    const uri = pathToFileURL(job.file).href;
    let text = fs.readFileSync(job.file, "utf-8");
    let version = 1;
    // The server publishes diagnostics for the text it linted; wait for the text we sent last
    // (versionSupport is false, as in VS Code, so match by arrival after the change).
    async function diagnosticsAfter(count: number): Promise<Diagnostic[]> {
        const deadline = Date.now() + timeout;
        while (published.filter((p) => p.uri === uri).length <= count) {
            if (Date.now() > deadline) {
                throw new Error(`no diagnostics within ${timeout} ms; server stderr:\n${stderr}`);
            }
            await new Promise<void>((resolve) => {
                waiters.push(resolve);
                setTimeout(resolve, 200);
            });
        }
        const mine = published.filter((p) => p.uri === uri);
        return mine[mine.length - 1].diagnostics;
    }
    const seen = () => published.filter((p) => p.uri === uri).length;

    const init = await conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: "brandlint-vscode-harness" },
        rootUri: pathToFileURL(job.workspace).href,
        workspaceFolders: [{ uri: pathToFileURL(job.workspace).href, name: "workspace" }],
        capabilities: CAPABILITIES,
        initializationOptions: launch.initializationOptions,
    });
    await conn.sendNotification(InitializedNotification.type, {});

    let before = seen();
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: job.languageId, version, text } });
    const opened = await diagnosticsAfter(before);

    // Quick fix: the code actions for the first diagnostic, as VS Code asks for them on hover.
    const first = opened[0];
    const actions = ((await conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri }, range: first.range, context: { diagnostics: [first], triggerKind: 1 },
    })) ?? []) as Array<CodeAction | Command>;
    const titles = actions.map((a) => a.title);
    let chosen = actions.find((a): a is CodeAction => !Command.is(a) && a.title.startsWith(job.quickFix));
    if (chosen === undefined) {
        throw new Error(`no code action titled ${job.quickFix}...: ${JSON.stringify(titles)}`);
    }
    if (chosen.edit === undefined) {
        chosen = await conn.sendRequest(CodeActionResolveRequest.type, chosen);
    }
    const quickFixEdits = editsFor(chosen.edit!, uri);
    text = applyEdits(text, quickFixEdits);
    const afterQuickFixText = text;
    before = seen();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
    const afterQuickFix = await diagnosticsAfter(before);

    // "brandlint: Fix all": the extension's request, then its edit applied.
    const fixAll = ((await conn.sendRequest(CodeActionRequest.type, fixAllParams(uri, text))) ?? []) as Array<CodeAction | Command>;
    const fixAllAction = fixAll.find((a): a is CodeAction => !Command.is(a) && a.kind === "source.fixAll.brandlint");
    if (fixAllAction?.edit !== undefined) {
        text = applyEdits(text, editsFor(fixAllAction.edit, uri));
    }
    before = seen();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
    const afterFixAll = await diagnosticsAfter(before);

    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("timeout"), 10000))]);
    conn.dispose();
    if (code === "timeout") {
        proc.kill();
    }
    return {
        launch: { command: launch.command, args: launch.args, cwd: launch.options.cwd, source: launch.source,
                  initializationOptions: launch.initializationOptions },
        server: init.serverInfo, positionEncoding: init.capabilities.positionEncoding ?? "utf-16",
        codeActionKinds: (init.capabilities.codeActionProvider as { codeActionKinds?: string[] })?.codeActionKinds,
        opened: opened.map(brief),
        titles,
        quickFixEdits,
        afterQuickFixText,
        afterQuickFix: afterQuickFix.map(brief),
        fixAll: fixAll.map((a) => ({ title: a.title, kind: Command.is(a) ? undefined : a.kind })),
        afterFixAllText: text,
        afterFixAll: afterFixAll.map(brief),
        messages,
        registrations,
        exitCode: code,
    };
}

interface ResolveCase {
    name: string;
    workspaceFolder?: string;
    trusted: boolean;
    settings: Settings;
    env: NodeJS.ProcessEnv;
    platform: NodeJS.Platform;
    /** Files that exist, for a platform other than this one (else the real file system is used). */
    files?: string[];
}

function resolveCases(cases: ResolveCase[]): unknown {
    return cases.map((c) => {
        const files = c.files === undefined ? undefined : new Set(c.files);
        const input = { ...c, workspaceFolder: c.workspaceFolder ?? undefined, isExecutable: files === undefined ? undefined : (f: string) => files.has(f) };
        try {
            const r = resolveExecutable(input);
            const launch = serverLaunch(input);
            return { name: c.name, command: r.command, source: r.source, tried: r.tried, args: launch.args,
                     cwd: launch.options.cwd ?? null, initializationOptions: launch.initializationOptions };
        } catch (err) {
            if (err instanceof ExecutableNotFound) {
                return { name: c.name, error: err.message, tried: err.tried };
            }
            throw err;
        }
    });
}

async function main(): Promise<void> {
    const [mode, jobFile] = process.argv.slice(2);
    const job = JSON.parse(fs.readFileSync(jobFile, "utf-8"));
    const result = mode === "session" ? await session(job as SessionJob) : resolveCases(job as ResolveCase[]);
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
}

main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
});
