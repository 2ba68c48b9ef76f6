/** Platform commands: serve, user, token, settings, audit, backup, restore. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyAudit } from './audit/audit.ts';
import { createToken, createUser, disableUser, ensureFirstAdmin, listTokens, listUsers, resetPassword, revokeToken } from './auth/service.ts';
import { backup, restore } from './backup.ts';
import type { CliKit } from './cli-kit.ts';
import { langOf } from './cli-kit.ts';
import { AppError } from './errors.ts';
import { t } from './i18n/i18n.ts';
import { getSetting, setSetting, settingDefinitions, settingVersions } from './settings/settings.ts';
import { recordRevisions } from './store.ts';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function platformCli(program: Command, kit: CliKit) {
  program
    .command('serve')
    .description('serve the web app and the API')
    .option('-p, --port <port>', 'port', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .action(async (_o, cmd: Command) => {
      const { serve } = await import('./serve.ts');
      await serve(cmd.optsWithGlobals());
    });

  const user = program.command('user').description('user accounts');
  user
    .command('add <username>')
    .description('create a user; prints a one-time password')
    .requiredOption('-r, --roles <roles>', 'comma-separated roles (admin, human-rights, protection, military, police, political, leadership, rule-of-law, viewer)')
    .option('--name <displayName>', 'display name')
    .option('--email <email>', 'email')
    .option('--compartments <list>', 'comma-separated compartments')
    .option('--language <en|fr>', 'interface language', 'en')
    .action((username: string, o, cmd: Command) =>
      kit.run(
        cmd,
        ({ ctx }) => createUser(ctx, { username, roles: list(o.roles), displayName: o.name, email: o.email, compartments: o.compartments ? list(o.compartments) : [], language: o.language === 'fr' ? 'fr' : 'en' }),
        (r, lang) => `${t(lang, 'platform:cli.user-created', { username })}\n${t(lang, 'platform:cli.one-time-password', { password: r.oneTimePassword })}`,
      ),
    );
  user
    .command('list')
    .description('list users')
    .action((_o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ users: await listUsers(ctx) }),
        (r) => r.users.map((u) => `${u.username.padEnd(20)} ${u.roles.join(',').padEnd(30)} ${u.disabled ? 'disabled' : ''}`).join('\n'),
      ),
    );
  user
    .command('disable <username>')
    .description('disable a user and end their sessions')
    .option('--reason <reason>', 'why')
    .action((username: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => disableUser(ctx, username, o.reason), (_r, lang) => t(lang, 'platform:cli.user-disabled', { username })));
  user
    .command('reset-password <username>')
    .description('set a new one-time password')
    .action((username: string, _o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => ({ username, oneTimePassword: await resetPassword(ctx, username) }), (r, lang) => t(lang, 'platform:cli.one-time-password', { password: r.oneTimePassword })),
    );

  const token = program.command('token').description('API tokens for scripts');
  token
    .command('create <username>')
    .description('create an API token; prints the secret once')
    .requiredOption('-n, --name <name>', 'what the token is for')
    .option('--expires-days <days>', 'expiry in days')
    .action((username: string, o, cmd: Command) =>
      kit.run(cmd, ({ ctx }) => createToken(ctx, username, o.name, o.expiresDays ? Number(o.expiresDays) : undefined), (r, lang) => t(lang, 'platform:cli.token-created', r as any)),
    );
  token
    .command('revoke <id>')
    .description('revoke an API token')
    .action((id: string, _o, cmd: Command) => kit.run(cmd, ({ ctx }) => revokeToken(ctx, id), (_r, lang) => t(lang, 'platform:cli.token-revoked', { id })));
  token
    .command('list <username>')
    .description('list a user’s tokens')
    .action((username: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => ({ tokens: await listTokens(ctx, username) })));

  const settings = program.command('settings').description('policy-owned configuration');
  settings
    .command('list')
    .description('list settings')
    .action((_o, cmd: Command) =>
      kit.run(
        cmd,
        async () => ({ settings: settingDefinitions().map((d) => ({ key: d.key, label: d.label })) }),
        (r, lang) => r.settings.map((s) => `${s.key.padEnd(30)} ${s.label[lang]}`).join('\n'),
      ),
    );
  settings
    .command('get <key>')
    .description('show a setting and its versions')
    .action((key: string, _o, cmd: Command) => kit.run(cmd, async ({ db }) => ({ key, value: await getSetting(db, key), versions: await settingVersions(db, key) })));
  settings
    .command('set <key> <file>')
    .description('store a new version of a setting from a JSON file (- for stdin)')
    .option('-m, --comment <comment>', 'why it changes')
    .action((key: string, file: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          let value: unknown;
          try {
            value = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
          } catch (e) {
            throw new AppError(400, 'validation', `${file}: not valid JSON (${(e as Error).message})`);
          }
          return setSetting(ctx, key, value, o.comment);
        },
        (r, lang) => t(lang, 'platform:cli.setting-updated', { key, version: r.version }),
      ),
    );

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('walk the hash chain and report the first entry that does not match')
    .action((_o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ db }) => {
          const r = await verifyAudit(db);
          if (!r.ok) process.exitCode = 3;
          return r;
        },
        (r, lang) => (r.ok ? t(lang, 'platform:cli.audit-ok', { count: r.checked }) : t(lang, 'platform:cli.audit-bad', { seq: r.firstBad!.seq, reason: r.firstBad!.reason })),
      ),
    );
  audit
    .command('history <type> <id>')
    .description('revisions of a record')
    .action((type: string, id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => ({ type, id, revisions: await recordRevisions(ctx, type, id) })));

  program
    .command('backup <file>')
    .description('write a portable backup (gzip JSON lines) that loads on either engine')
    .action((file: string, _o, cmd: Command) => kit.run(cmd, async ({ db }) => ({ file, ...(await backup(db, file)) }), (r, lang) => t(lang, 'platform:cli.backup-written', r as any)));
  program
    .command('restore <file>')
    .description('load a backup into an empty database and verify the audit trail')
    .action((file: string, _o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ db }) => {
          const r = await restore(db, file);
          if (!r.audit.ok) process.exitCode = 3;
          return { file, ...r };
        },
        (r, lang) => t(lang, 'platform:cli.restored', { rows: r.rows, tables: r.tables, file, count: r.audit.checked }),
      ),
    );
  void langOf;
  void ensureFirstAdmin;
}
