// The command line's flags as data: each command lists its flags in a table, and one parser and
// one usage printer read every table. Adding a flag or a command is adding a row.

/** A mistake in the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}

/**
 * @typedef {object} Flag
 * @property {string} name          "--port"
 * @property {string} key           the option it sets
 * @property {string} help          one line for the usage
 * @property {string} [value]       the value's placeholder ("N"); absent for a switch (sets true)
 * @property {(text: string, flag: string) => unknown} [parse]  checks and converts the value
 * @property {string} [env]         an environment variable read when the flag is not given
 * @property {string} [unsupported] set for a flag that is reserved but not implemented yet
 */

/**
 * The options a command line sets: `--flag value`, `--flag=value`, or `--switch`. Flags not given
 * are read from their environment variable, if any; the rest are left undefined.
 * @param {Flag[]} flags
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 */
export function parseFlags(flags, args, env = {}) {
  const byName = new Map(flags.map((flag) => [flag.name, flag]));
  const options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const flag = byName.get(name);
    if (flag === undefined) throw new UsageError(`unknown option: ${arg}`);
    if (flag.unsupported) throw new UsageError(`${name} is not supported yet: ${flag.unsupported}`);
    let text;
    if (flag.value === undefined) {
      if (eq >= 0) throw new UsageError(`${name} takes no value`);
      options[flag.key] = true;
      continue;
    }
    if (eq >= 0) text = arg.slice(eq + 1);
    else if (i + 1 < args.length) text = args[++i];
    else throw new UsageError(`${name} needs a value`);
    options[flag.key] = flag.parse ? flag.parse(text, name) : text;
  }
  for (const flag of flags) {
    if (options[flag.key] !== undefined || flag.env === undefined || env[flag.env] === undefined) continue;
    const text = env[flag.env];
    if (flag.value === undefined) options[flag.key] = text !== "" && text !== "0";
    else options[flag.key] = flag.parse ? flag.parse(text, flag.env) : text;
  }
  return options;
}

/** The usage lines of a flag table (flags reserved for later are left out). */
export function flagUsage(flags) {
  const rows = flags
    .filter((flag) => !flag.unsupported)
    .map((flag) => [
      flag.value ? `${flag.name} ${flag.value}` : flag.name,
      flag.env ? `${flag.help} [env ${flag.env}]` : flag.help,
    ]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`).join("\n");
}

/** A parse function for an integer in [min, max]. */
export function integer(min, max) {
  return (text, name) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new UsageError(`${name} must be a number from ${min} to ${max}, got "${text}"`);
    }
    return value;
  };
}

/** A parse function for one of a few words. */
export function oneOf(...choices) {
  return (text, name) => {
    if (!choices.includes(text)) throw new UsageError(`${name} must be ${choices.join(" or ")}, got "${text}"`);
    return text;
  };
}
