import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  packageManager: string;
  scripts: Record<string, string>;
}
const manifestOf = (directory: string) =>
  JSON.parse(readFileSync(join(root, directory, 'package.json'), 'utf8')) as Manifest;
const manifest = manifestOf('.');

/** Folders that hold no documentation of ours: dependencies, builds, reports, local data. */
const NOT_DOCUMENTATION = new Set(['node_modules', 'dist', 'reports']);

/** Every Markdown file of the repository, by its path from the root. */
function markdownFiles(directory = ''): string[] {
  return readdirSync(join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = directory ? `${directory}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      return entry.name.startsWith('.') || NOT_DOCUMENTATION.has(entry.name)
        ? []
        : markdownFiles(path);
    }
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const documents = markdownFiles().map((path) => ({
  path,
  text: readFileSync(join(root, path), 'utf8'),
}));
const readme = documents.find((document) => document.path === 'README.md')!.text;

/** The lines of each of a document's shell blocks, comments taken off. */
const shellLines = (text: string) =>
  [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) =>
    block[1]!.split('\n').map((line) => line.replace(/(^|\s+)#.*$/, '')),
  );

/** Inline code that starts with one of these words, on one line even where the text wraps it. */
const inlineCode = (text: string, words: string) =>
  [...text.matchAll(new RegExp(`\`((?:${words}) [^\`]+)\``, 'g'))].map((match) =>
    match[1]!.replace(/\s+/g, ' '),
  );

interface Command {
  document: string;
  command: string;
  /** Where it runs, from the root: a `cd` before it on its line moves it. */
  cwd: string;
}

/**
 * Every command the documents show, as a reader would type it: from the shell blocks, and from
 * the inline code that starts with `pnpm` or `npx`. Comments and `&&` chains are split off.
 */
function commandsOf(document: { path: string; text: string }): Command[] {
  const commands: Command[] = [];
  // Each line of a block is typed from the repository's root, as a reader copies it.
  for (const line of shellLines(document.text).flat()) {
    let cwd = '.';
    // A command whose output a variable keeps, `TOKEN=$(pnpm ... | tail -n 1)`, is one too.
    const parts = line.split('&&').flatMap((part) => {
      const inner = /\$\(((?:pnpm|npx) [^|)]+)/.exec(part);
      return [inner ? inner[1]! : part];
    });
    for (const part of parts.map((text) => text.trim().replace(/^pnpm --silent /, 'pnpm '))) {
      const cd = /^cd (\S+)$/.exec(part);
      if (cd) cwd = join(cwd, cd[1]!);
      else if (/^(pnpm|npx) /.test(part)) {
        commands.push({ document: document.path, command: part, cwd });
      }
    }
  }
  for (const command of inlineCode(document.text, 'pnpm|npx')) {
    commands.push({ document: document.path, command, cwd: '.' });
  }
  return commands;
}

const commands = documents.flatMap(commandsOf);
const pinned = `npx --yes ${manifest.packageManager} `;

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
  'mutation',
  'cluster',
]);

describe('the commands the documentation shows', () => {
  it('are found in every document: the two first ones of the README, the mch tool and the benchmarks among them', () => {
    expect(
      commandsOf({ path: 'README.md', text: readme })
        .slice(0, 3)
        .map((c) => c.command),
    ).toEqual([`${pinned}install`, `${pinned}start`, `${pinned}test`]);
    for (const tool of [
      'mch token create',
      'mch token list',
      'mch token revoke',
      'bench',
      'synth',
    ]) {
      expect({
        tool,
        shown: commands.some(({ command }) => command.startsWith(`pnpm ${tool}`)),
      }).toEqual({
        tool,
        shown: true,
      });
    }
    for (const path of ['CONTRIBUTING.md', 'packages/client/README.md', 'docs/operators.md']) {
      expect({ path, commands: commands.some((command) => command.document === path) }).toEqual({
        path,
        commands: true,
      });
    }
  });

  it('run unattended: npx names the pinned pnpm with --yes, or a tool the workspace installed', () => {
    const npx = commands.filter(({ command }) => command.startsWith('npx '));
    expect(npx.length).toBeGreaterThanOrEqual(3);
    for (const { command, cwd, document } of npx) {
      if (command.startsWith('npx --yes ')) {
        expect({ document, command }).toEqual({
          document,
          command: expect.stringMatching(new RegExp(`^${pinned.replace('.', '\\.')}`)),
        });
        continue;
      }
      // Anything else npx would download: only a tool installed where the command runs.
      const tool = command.split(/\s+/)[1]!;
      expect({
        document,
        command,
        installed: existsSync(join(root, cwd, 'node_modules/.bin', tool)),
      }).toEqual({
        document,
        command,
        installed: true,
      });
    }
  });

  it("run the project's own scripts, never a command of the package manager", () => {
    const pnpm = commands
      .map((command) => ({
        ...command,
        command: command.command.replace(/^npx --yes pnpm@\S+ /, 'pnpm '),
      }))
      .filter(({ command }) => command.startsWith('pnpm '));
    const names = pnpm
      .map(({ command, cwd, document }) => ({ name: command.split(/\s+/)[1]!, cwd, document }))
      .filter(({ name }) => name !== 'install');
    expect(names.length).toBeGreaterThan(20);
    for (const { name, cwd, document } of names) {
      const scripts = manifestOf(cwd).scripts;
      expect({ document, name, script: name in scripts }).toEqual({ document, name, script: true });
      expect({ document, name, shadowed: PACKAGE_MANAGER_COMMANDS.has(name) }).toEqual({
        document,
        name,
        shadowed: false,
      });
    }
  });

  it('can be copied as they are: no placeholders, optional parts or elisions', () => {
    // `[--expires …]` would reach the command as a word, and `<id>` is a shell redirection.
    const unsafe = documents.flatMap(({ path, text }) =>
      [...shellLines(text).flat(), ...inlineCode(text, 'pnpm|npx|curl')]
        .filter((line) => /\[-|<[a-z]|\.\.\.|…/.test(line.replace(/'[^']*'/g, "''")))
        .map((line) => `${path}: ${line}`),
    );
    expect(unsafe).toEqual([]);
  });

  it('send trusted documents by IDs the typed client has', () => {
    const known = JSON.parse(
      readFileSync(`${root}packages/client/persisted-documents.json`, 'utf8'),
    ) as Record<string, string>;
    const shown = documents.flatMap(({ path, text }) =>
      [...text.matchAll(/sha256:[0-9a-f]{64}/g)].map((match) => ({ path, id: match[0] })),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter(({ id }) => !(id in known))).toEqual([]);
  });

  it('answer --help as written, naming every option the documents give them', async () => {
    const tried = new Set<string>();
    for (const { command, cwd } of commands) {
      const words = command.split(/\s+/);
      const viaNpx = words[0] === 'npx' && words[1] !== '--yes';
      if (!viaNpx && (words[0] !== 'pnpm' || !TOOLS.has(words[1]!))) continue;
      const firstOption = words.findIndex((word, i) => i > 1 && /^[-<[~./]/.test(word));
      const path = words.slice(1, firstOption < 0 ? undefined : firstOption);
      const key = `${cwd} ${words[0]} ${path.join(' ')}`;
      if (tried.has(key)) continue;
      tried.add(key);
      const [program, args] = viaNpx
        ? ['npx', ['--no-install', ...path, '--help']]
        : ['pnpm', ['--silent', ...path, '--help']];
      const { stdout } = await run(program, args, {
        cwd: join(root, cwd),
        env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      });
      for (const option of command.match(/(?<=\s)--[a-z][a-z-]*/g) ?? []) {
        expect({ command, mentions: stdout.includes(option) }).toEqual({ command, mentions: true });
      }
      expect({ command, usage: /Usage|Commands|usage:/.test(stdout) }).toEqual({
        command,
        usage: true,
      });
    }
    expect([...tried].map((key) => key.replace(/^\S+ \S+ /, '')).sort()).toEqual(
      expect.arrayContaining([
        'bench',
        'cluster up',
        'mch token create',
        'mch token list',
        'mch token revoke',
        'mutation',
        'synth',
        'vitest run',
      ]),
    );
  }, 300_000);
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors of a Markdown file's headings, code blocks aside. */
function anchorsIn(path: string): Set<string> {
  const text = readFileSync(join(root, path), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));
}

describe('the links between documents', () => {
  const links = documents.flatMap(({ path, text }) =>
    [...text.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target))
      .map((target) => {
        const [file, anchor] = target.split('#') as [string, string | undefined];
        const resolved = file ? relative(root, join(root, dirname(path), file)) : path;
        return { from: path, target, resolved, anchor };
      }),
  );

  it('are found: every guide and reference is linked from another document', () => {
    const linked = new Set(links.map((link) => link.resolved));
    const unlinked = documents
      .map(({ path }) => path)
      .filter((path) => path !== 'README.md' && !linked.has(path));
    expect(unlinked).toEqual([]);
  });

  it('lead to files that exist, the design of the read engine among them', () => {
    expect(links.some((link) => link.resolved === 'docs/design/read-engine.md')).toBe(true);
    const broken = links
      .filter((link) => !existsSync(join(root, link.resolved)))
      .map((link) => `${link.from}: ${link.target}`);
    expect(broken).toEqual([]);
  });

  it('lead to headings that exist, where they name one', () => {
    const broken = links
      .filter((link) => link.anchor !== undefined && link.resolved.endsWith('.md'))
      .filter((link) => existsSync(join(root, link.resolved)))
      .filter((link) => !anchorsIn(link.resolved).has(link.anchor!))
      .map((link) => `${link.from}: ${link.target}`);
    expect(broken).toEqual([]);
  });
});
