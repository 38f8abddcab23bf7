import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A command of the `mch` tool: its name, what it does, how to call it, and what it runs. */
export interface Command {
  name: string;
  summary: string;
  /** The subcommands, when the command has them (`token create`, `token list`, ...). */
  subcommands?: Command[];
  /** How to call it, shown by `--help`: one line per form. */
  usage?: string[];
  /** What its options mean, shown by `--help`. */
  options?: Record<string, { type: 'string' | 'boolean'; description: string }>;
  /** Its arguments go on to another program as they are (`mch psql -At -c ...`). */
  passesArguments?: boolean;
  run?: (
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
  ) => Promise<void>;
}

/** A mistake on the command line: said with the usage, exit code 2. */
export class UsageError extends Error {}

/** The command ran and failed for a reason its message explains in full: exit code 1. */
export class CommandFailed extends Error {}

function help(path: string[], command: Command): string {
  const lines = [`${['mch', ...path].join(' ')}: ${command.summary}`, ''];
  if (command.subcommands) {
    lines.push('Commands:');
    for (const sub of command.subcommands) {
      lines.push(`  pnpm mch ${[...path, sub.name].join(' ').padEnd(24)} ${sub.summary}`);
    }
    lines.push('', `Run \`pnpm mch ${[...path, '<command>'].join(' ')} --help\` for its options.`);
  }
  if (command.usage) {
    lines.push('Usage:', ...command.usage.map((line) => `  pnpm mch ${line}`));
  }
  lines.push('', 'Options:');
  for (const [name, option] of Object.entries(command.options ?? {})) {
    lines.push(`  --${name.padEnd(12)} ${option.description}`);
  }
  lines.push('  --help         Show this help.');
  return lines.join('\n');
}

/** Finds the command the arguments name, and runs it or prints its help. */
export async function dispatch(root: Command, argv: string[]): Promise<number> {
  const path: string[] = [];
  let command = root;
  let rest = argv;
  while (command.subcommands && rest[0] && !rest[0].startsWith('-')) {
    const next = command.subcommands.find((sub) => sub.name === rest[0]);
    if (!next) {
      console.error(`Unknown command: ${[...path, rest[0]].join(' ')}\n\n${help(path, command)}`);
      return 2;
    }
    path.push(next.name);
    command = next;
    rest = rest.slice(1);
  }
  if (command.passesArguments && command.run && rest[0] !== '--help') {
    return runCommand(path, command, {}, rest[0] === '--' ? rest.slice(1) : rest);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(help(path, command));
    return 0;
  }
  if (!command.run) {
    console.error(help(path, command));
    return 2;
  }
  const options = Object.fromEntries(
    Object.entries(command.options ?? {}).map(([name, option]) => [name, { type: option.type }]),
  ) as ParseArgsConfig['options'];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${help(path, command)}`);
    return 2;
  }
  return runCommand(
    path,
    command,
    parsed.values as Record<string, string | boolean | undefined>,
    parsed.positionals,
  );
}

async function runCommand(
  path: string[],
  command: Command,
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
): Promise<number> {
  try {
    await command.run!(values, positionals);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${help(path, command)}`);
      return 2;
    }
    if (error instanceof CommandFailed) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
