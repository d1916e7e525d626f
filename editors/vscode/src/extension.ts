/**
 * The VS Code side: a `vscode-languageclient` client for `brandlint lsp`, the settings, and the
 * "brandlint: Restart server" and "brandlint: Fix all" commands. How the server is found and
 * started is in ./server.ts (no `vscode` import there, so the tests can run it).
 */
import * as vscode from "vscode";
import {
    CodeAction,
    CodeActionRequest,
    CodeActionResolveRequest,
    Command,
    Executable,
    LanguageClient,
    LanguageClientOptions,
    State,
} from "vscode-languageclient/node";

import { ExecutableNotFound, fixAllParams, LANGUAGES, serverLaunch, Settings } from "./server";

const ID = "brandlint";
let client: LanguageClient | undefined;
let startedFor: string | undefined; // the workspace folder the running server was started for
let output: vscode.OutputChannel | undefined;

function workspaceFolder(): vscode.WorkspaceFolder | undefined {
    const folders = vscode.workspace.workspaceFolders;
    return folders && folders.length > 0 ? folders[0] : undefined;
}

function settings(folder: vscode.WorkspaceFolder | undefined): Settings {
    const cfg = vscode.workspace.getConfiguration(ID, folder?.uri);
    return { path: cfg.get<string>("path", ""), config: cfg.get<string>("config", "") };
}

async function start(): Promise<void> {
    const folder = workspaceFolder();
    startedFor = folder?.uri.toString();
    const fsPath = folder?.uri.scheme === "file" ? folder.uri.fsPath : undefined;
    let launch;
    try {
        launch = serverLaunch({
            workspaceFolder: fsPath,
            trusted: vscode.workspace.isTrusted,
            settings: settings(folder),
            env: process.env,
            platform: process.platform,
        });
    } catch (err) {
        if (err instanceof ExecutableNotFound) {
            output?.appendLine(`${err.message}\nTried:\n  ${err.tried.join("\n  ")}`);
            const choice = await vscode.window.showErrorMessage(err.message, "Open Settings");
            if (choice === "Open Settings") {
                await vscode.commands.executeCommand("workbench.action.openSettings", "brandlint.path");
            }
            return;
        }
        throw err;
    }
    output?.appendLine(`Starting ${launch.command} ${launch.args.join(" ")} (from ${launch.source})`);
    const executable: Executable = { command: launch.command, args: launch.args, options: launch.options };
    const selector = LANGUAGES.flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
    ]);
    const clientOptions: LanguageClientOptions = {
        documentSelector: selector,
        initializationOptions: launch.initializationOptions,
        outputChannel: output,
        workspaceFolder: folder,
    };
    // The id "brandlint" makes the client read the `brandlint.trace.server` setting.
    client = new LanguageClient(ID, "brandlint", { run: executable, debug: executable }, clientOptions);
    await client.start();
}

async function stop(): Promise<void> {
    const c = client;
    client = undefined;
    if (c !== undefined && c.state !== State.Stopped) {
        await c.stop();
    }
}

async function restart(): Promise<void> {
    await stop();
    await start();
}

/** Ask the server for its "fix all" action on the active document and apply it. */
async function fixAll(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (client === undefined || editor === undefined) {
        void vscode.window.showInformationMessage("brandlint: open a Markdown, JSON, JSONL or text document first.");
        return;
    }
    const doc = editor.document;
    const params = fixAllParams(client.code2ProtocolConverter.asUri(doc.uri), doc.getText());
    const result = await client.sendRequest(CodeActionRequest.type, params);
    let action = (result ?? []).find((a): a is CodeAction => !Command.is(a) && a.kind === params.context.only[0]);
    if (action !== undefined && action.edit === undefined) {
        action = await client.sendRequest(CodeActionResolveRequest.type, action);
    }
    if (action === undefined || action.edit === undefined) {
        void vscode.window.showInformationMessage("brandlint: nothing to fix automatically in this document.");
        return;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
    if (!(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage("brandlint: the fixes could not be applied (the document changed?).");
    }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    output = vscode.window.createOutputChannel("brandlint");
    context.subscriptions.push(
        output,
        vscode.commands.registerCommand("brandlint.restartServer", restart),
        vscode.commands.registerCommand("brandlint.fixAll", fixAll),
        vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration("brandlint.path") || e.affectsConfiguration("brandlint.config")) {
                void restart();
            }
        }),
        vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
        vscode.workspace.onDidChangeWorkspaceFolders(() => {
            if (workspaceFolder()?.uri.toString() !== startedFor) {
                void restart();
            }
        }),
    );
    await start();
}

export async function deactivate(): Promise<void> {
    await stop();
}
