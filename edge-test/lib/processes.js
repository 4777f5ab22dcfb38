// Child processes for the edge tests: a started server whose output is kept for
// failure messages, waiting until it answers, and stopping it (and only it) at the end.
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Starts `command args`; stdout and stderr are collected in `output`. `exited` resolves with the
 * exit code (or signal name) when the process ends.
 */
export function startProcess(command, args, { extraPipes = 0, ...options } = {}) {
  const stdio = ["ignore", "pipe", "pipe", ...Array(extraPipes).fill("pipe")];
  const child = spawn(command, args, { ...options, stdio });
  const proc = { child, output: "", exitCode: undefined };
  child.stdout.setEncoding("utf8").on("data", (text) => (proc.output += text));
  child.stderr.setEncoding("utf8").on("data", (text) => (proc.output += text));
  proc.exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve((proc.exitCode = code ?? signal)));
    child.once("error", (error) => {
      proc.output += `\n${error.stack}`;
      resolve((proc.exitCode = "spawn-error"));
    });
  });
  return proc;
}

/** Resolves when `predicate()` is truthy; rejects after `timeoutMs` or when the process exits. */
export async function waitFor(proc, predicate, { timeoutMs = 30_000, what = "the server" } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== undefined) {
      throw new Error(`${what} exited (${proc.exitCode}) before it was ready:\n${proc.output}`);
    }
    const value = await predicate();
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${proc.output}`);
}

/** GET `url` and return true when it answers 200 (connection errors: false). */
export async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopProcess(proc, { graceMs = 5000 } = {}) {
  if (!proc || proc.exitCode !== undefined) return;
  proc.child.kill("SIGTERM");
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(timer);
}
