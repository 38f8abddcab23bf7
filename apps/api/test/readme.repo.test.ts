import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { errorCodes } from '@mch/domain';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  packageManager: string;
  scripts: Record<string, string>;
};

/**
 * Every command the README shows, as a new user would type it: from the shell blocks, and from
 * the inline code that starts with `pnpm` or `npx`. Comments and `&&` chains are split off.
 */
function readmeCommands(): string[] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]!.split('\n'),
  );
  const inline = [...readme.matchAll(/`((?:pnpm|npx) [^`]+)`/g)].map((match) => match[1]!);
  return [...blocks, ...inline]
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .flatMap((line) => line.split('&&').map((part) => part.trim()))
    .filter((command) => /^(pnpm|npx) /.test(command));
}

/** Commands of pnpm (and of npm, which pnpm passes them to) that a root script cannot take over. */
const PACKAGE_MANAGER_COMMANDS = new Set(
  'add audit bin cache config create dedupe deploy dlx doctor env exec fetch help import init install i link list ls login logout outdated owner pack patch ping prune publish rebuild remove rm root run search server setup star store team token unlink update up version view why whoami'.split(
    ' ',
  ),
);

/** The project's own tools, which answer `--help`. */
const TOOLS = new Set([
  'mch',
  'bench',
  'synth',
  'example',
  'example:sync',
  'schema:check',
  'start',
]);

const commands = readmeCommands();

describe('the commands the README shows', () => {
  it('are found: the two first ones, the mch tool and the benchmarks among them', () => {
    expect(commands.slice(0, 3)).toEqual([
      `npx --yes ${manifest.packageManager} install`,
      `npx --yes ${manifest.packageManager} start`,
      `npx --yes ${manifest.packageManager} test`,
    ]);
    for (const tool of [
      'mch token create',
      'mch token list',
      'mch token revoke',
      'bench',
      'synth',
    ]) {
      expect(commands.some((command) => command.startsWith(`pnpm ${tool}`))).toBe(true);
    }
  });

  it('run unattended: every npx says --yes and names the pinned pnpm', () => {
    const npx = commands.filter((command) => command.startsWith('npx '));
    expect(npx.length).toBeGreaterThanOrEqual(3);
    for (const command of npx) {
      expect(command).toMatch(
        new RegExp(`^npx --yes ${manifest.packageManager.replace('.', '\\.')} `),
      );
    }
  });

  it("run the project's own scripts, never a command of the package manager", () => {
    const names = commands
      .map((command) => command.replace(/^npx --yes pnpm@\S+ /, 'pnpm ').split(/\s+/)[1]!)
      .filter((name) => name !== 'install');
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      expect({ name, script: name in manifest.scripts }).toEqual({ name, script: true });
      expect({ name, shadowed: PACKAGE_MANAGER_COMMANDS.has(name) }).toEqual({
        name,
        shadowed: false,
      });
    }
  });

  it('can be copied as they are: no placeholders, optional parts or elisions', () => {
    // `[--expires …]` would reach the command as a word, and `<id>` is a shell redirection.
    const shell = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
      .flatMap((block) => block[1]!.split('\n'))
      .map((line) => line.replace(/(^|\s+)#.*$/, ''));
    const inline = [...readme.matchAll(/`((?:pnpm|npx|curl) [^`]+)`/g)].map((match) => match[1]!);
    const unsafe = [...shell, ...inline].filter((line) =>
      /\[-|<[a-z]|\.\.\.|…/.test(line.replace(/'[^']*'/g, "''")),
    );
    expect(unsafe).toEqual([]);
  });

  it('send trusted documents by IDs the typed client has', () => {
    const known = JSON.parse(
      readFileSync(`${root}packages/client/persisted-documents.json`, 'utf8'),
    ) as Record<string, string>;
    const shown = [...readme.matchAll(/sha256:[0-9a-f]{64}/g)].map((match) => match[0]);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((id) => !(id in known))).toEqual([]);
  });

  it('answer --help as written, naming every option the README gives them', async () => {
    const tried = new Set<string>();
    for (const command of commands) {
      const words = command.split(/\s+/);
      if (words[0] !== 'pnpm' || !TOOLS.has(words[1]!)) continue;
      const firstOption = words.findIndex((word, i) => i > 1 && /^[-<[]/.test(word));
      const path = words.slice(1, firstOption < 0 ? undefined : firstOption);
      const key = path.join(' ');
      if (tried.has(key)) continue;
      tried.add(key);
      const { stdout } = await run('pnpm', ['--silent', ...path, '--help'], {
        cwd: root,
        env: { ...process.env, FORCE_COLOR: '0' },
      });
      for (const option of command.match(/--[a-z][a-z-]*/g) ?? []) {
        expect({ command, mentions: stdout.includes(option) }).toEqual({ command, mentions: true });
      }
      expect(stdout).toMatch(/Usage|Commands/);
    }
    expect([...tried].sort()).toEqual(
      expect.arrayContaining([
        'bench',
        'mch token create',
        'mch token list',
        'mch token revoke',
        'synth',
      ]),
    );
  }, 180_000);
});

describe('the error codes the README lists', () => {
  it('are every code the API sends, each with its HTTP status', () => {
    const table = readme.slice(
      readme.indexOf('### Errors'),
      readme.indexOf('## Writing to the graph'),
    );
    // The first column of each row of the table holds the codes.
    const firstCells = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|')[1]!);
    const listed = new Set(
      firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z_]+)`/g)].map((match) => match[1])),
    );
    expect(Object.keys(errorCodes).filter((code) => !listed.has(code))).toEqual([]);
    expect([...listed].filter((code) => !(code! in errorCodes))).toEqual([]);
  });
});
