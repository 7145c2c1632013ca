import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rootDir } from '../src/paths.js';

/**
 * How `istibaq` runs in the tests: the built CLI, `node dist/cli.js`, from the project's root, as `npm start` and
 * `npx istibaq` run it (test/global-setup.ts rebuilds it first when a source is newer). A second per run saved
 * against compiling the sources on every start.
 */
export const command = [process.execPath, 'dist/cli.js'] as const;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a child `istibaq`: the test's own, with the database given by `env` only. */
function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: '', ISTIBAQ_PASSWORD: '', ...env };
}

/** Runs `istibaq …` to its end and gives its exit code and output. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const [program, ...prefix] = command;
  return new Promise((resolve) => {
    execFile(
      program,
      [...prefix, ...args],
      { cwd: rootDir, env: environment(env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface RunningCli {
  child: ChildProcess;
  /** Everything written to standard error so far. */
  stderr(): string;
  /** Resolves when the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to the process and everything it started, as `kill -9` of the group. */
  kill(): Promise<void>;
}

/** Starts `istibaq …` in a process group of its own, so that it can be killed whole. */
export function startCli(args: readonly string[], env: Record<string, string>): RunningCli {
  const [program, ...prefix] = command;
  const child = spawn(program, [...prefix, ...args], {
    cwd: rootDir,
    env: environment(env),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stderr: () => stderr,
    exited,
    async kill() {
      if (child.pid === undefined) throw new Error('the istibaq process did not start');
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
  };
}
