/**
 * How the extension starts `brandlint lsp`: which executable, with which arguments, working
 * directory and initialization options, and the "fix all" request.
 *
 * This module does not import `vscode`, so the same code runs in VS Code and in the tests,
 * which start the real server with it over stdio (tests/editors/test_vscode_client.py).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** VS Code language ids the extension activates on and sends to the server. */
export const LANGUAGES = ["markdown", "json", "jsonl", "plaintext"] as const;

/** The server's "fix all" code action kind (src/brandlint/lsp/actions.py FIX_ALL_KIND). */
export const FIX_ALL_KIND = "source.fixAll.brandlint";

export interface Settings {
    /** `brandlint.path`: empty, a path, or a command name looked up on PATH. */
    path?: string;
    /** `brandlint.config`: empty, or a config file for every document. */
    config?: string;
}

export interface LaunchInput {
    /** File-system path of the (first) workspace folder, if a folder is open. */
    workspaceFolder?: string;
    /** `vscode.workspace.isTrusted`: an untrusted workspace's own executables are never run. */
    trusted: boolean;
    settings: Settings;
    env: NodeJS.ProcessEnv;
    platform: NodeJS.Platform;
    /** Whether a path is an executable file (default: the real file system). */
    isExecutable?: (file: string) => boolean;
}

export type Source = "workspace" | "setting" | "PATH";

/** What `LanguageClient`'s `serverOptions` gets (an `Executable` with stdio transport). */
export interface ServerLaunch {
    command: string;
    args: string[];
    options: { cwd?: string; env: NodeJS.ProcessEnv };
    /** Where the executable came from. */
    source: Source;
    /** The `initializationOptions` sent in `initialize`. */
    initializationOptions: { config?: string };
}

export class ExecutableNotFound extends Error {
    constructor(message: string, readonly tried: string[]) {
        super(message);
        this.name = "ExecutableNotFound";
    }
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
    return platform === "win32" ? path.win32 : path.posix;
}

export function defaultIsExecutable(file: string): boolean {
    try {
        if (!fs.statSync(file).isFile()) {
            return false;
        }
        if (process.platform !== "win32") {
            fs.accessSync(file, fs.constants.X_OK);
        }
        return true;
    } catch {
        return false;
    }
}

/** The workspace's own environments, in the order they are tried. */
export function venvCandidates(folder: string, platform: NodeJS.Platform): string[] {
    const p = pathApi(platform);
    return [".venv", "venv"].map((env) =>
        platform === "win32" ? p.join(folder, env, "Scripts", "brandlint.exe") : p.join(folder, env, "bin", "brandlint"));
}

/** `~` and `${workspaceFolder}` expanded; a relative path made absolute against the folder. */
export function expandPath(value: string, folder: string | undefined, platform: NodeJS.Platform,
                           home: string = os.homedir()): string {
    const p = pathApi(platform);
    let v = value.trim();
    if (folder !== undefined) {
        v = v.split("${workspaceFolder}").join(folder);
    }
    if (v === "~" || v.startsWith("~/") || (platform === "win32" && v.startsWith("~\\"))) {
        v = p.join(home, v.slice(1));
    }
    if (!p.isAbsolute(v) && folder !== undefined) {
        v = p.join(folder, v);
    }
    return v;
}

function hasSeparator(value: string, platform: NodeJS.Platform): boolean {
    return value.includes("/") || (platform === "win32" && value.includes("\\"));
}

/** Every place `name` would be found on PATH, in order (with PATHEXT on Windows). */
export function pathCandidates(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
    const p = pathApi(platform);
    const raw = (platform === "win32" ? env.Path ?? env.PATH : env.PATH) ?? "";
    const dirs = raw.split(platform === "win32" ? ";" : ":").filter((d) => d.length > 0);
    let exts = [""];
    if (platform === "win32" && p.extname(name) === "") {
        exts = (env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e.length > 0);
    }
    const out: string[] = [];
    for (const dir of dirs) {
        for (const ext of exts) {
            out.push(p.join(dir, name + ext));
        }
    }
    return out;
}

/**
 * The `brandlint` to run, in this order:
 *  1. the workspace folder's `.venv` then `venv` (`bin/brandlint`; Windows `Scripts\brandlint.exe`),
 *     only in a trusted workspace;
 *  2. the `brandlint.path` setting (an error if it names nothing runnable);
 *  3. `brandlint` on PATH.
 */
export function resolveExecutable(input: LaunchInput): { command: string; source: Source; tried: string[] } {
    const { workspaceFolder, platform, env } = input;
    const isExe = input.isExecutable ?? defaultIsExecutable;
    const tried: string[] = [];
    if (workspaceFolder !== undefined && input.trusted) {
        for (const candidate of venvCandidates(workspaceFolder, platform)) {
            tried.push(candidate);
            if (isExe(candidate)) {
                return { command: candidate, source: "workspace", tried };
            }
        }
    }
    const setting = (input.settings.path ?? "").trim();
    if (setting !== "") {
        const candidates = hasSeparator(setting, platform) || setting.startsWith("~") || setting.includes("${workspaceFolder}")
            ? [expandPath(setting, workspaceFolder, platform)]
            : pathCandidates(setting, env, platform);
        tried.push(...candidates);
        const found = candidates.find((c) => isExe(c));
        if (found === undefined) {
            throw new ExecutableNotFound(
                `brandlint.path is set to "${setting}", but ${candidates.length === 1 ? candidates[0] : "no file on PATH by that name"} ` +
                "is not an executable file. Fix the setting or clear it to use brandlint from the workspace's .venv or PATH.", tried);
        }
        return { command: found, source: "setting", tried };
    }
    const onPath = pathCandidates(platform === "win32" ? "brandlint.exe" : "brandlint", env, platform);
    tried.push(...onPath);
    const found = onPath.find((c) => isExe(c));
    if (found === undefined) {
        const where = workspaceFolder !== undefined && input.trusted
            ? "the workspace's .venv or venv, brandlint.path (not set) or PATH"
            : "brandlint.path (not set) or PATH";
        throw new ExecutableNotFound(
            `brandlint was not found in ${where}. Install it (pip install 'brandlint[lsp]') in the workspace's ` +
            "virtual environment, or set brandlint.path to the executable.", tried);
    }
    return { command: found, source: "PATH", tried };
}

/** `initializationOptions` for `brandlint lsp`: the `config` option when `brandlint.config` is set. */
export function initializationOptions(settings: Settings, folder: string | undefined,
                                      platform: NodeJS.Platform): { config?: string } {
    const config = (settings.config ?? "").trim();
    return config === "" ? {} : { config: expandPath(config, folder, platform) };
}

/** Everything `LanguageClient` needs to start the server: `brandlint lsp` over stdio. */
export function serverLaunch(input: LaunchInput): ServerLaunch {
    const exe = resolveExecutable(input);
    return {
        command: exe.command,
        args: ["lsp"],
        options: { cwd: input.workspaceFolder, env: { ...input.env } },
        source: exe.source,
        initializationOptions: initializationOptions(input.settings, input.workspaceFolder, input.platform),
    };
}

/** The end of `text` as an LSP position (UTF-16 code units; lines break at \r\n, \n and \r). */
export function endPosition(text: string): { line: number; character: number } {
    const lines = text.split(/\r\n|\r|\n/);
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** `textDocument/codeAction` params asking for the server's "fix all" action on a whole document. */
export function fixAllParams(uri: string, text: string) {
    return {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: endPosition(text) },
        context: { diagnostics: [], only: [FIX_ALL_KIND] },
    };
}
