/** The pocdesk command line: global options, then each domain's commands. */
import { Command } from 'commander';
import { VERSION } from '../platform/app.ts';
import { kit } from '../platform/cli-kit.ts';
import { platformCli } from '../platform/cli.ts';
import { domains } from '../domains.ts';

export function buildProgram(): Command {
  const program = new Command('pocdesk')
    .description('Protection of civilians and human rights due diligence for UN peace operations')
    .version(VERSION)
    .option('--data <dir>', 'embedded database directory (default ./data, or POCDESK_DATA)')
    .option('--database-url <url>', 'PostgreSQL server (or DATABASE_URL)')
    .option('--json', 'print only JSON on stdout')
    .option('--as <username>', 'act as this user, with their permissions (or POCDESK_USER)')
    .option('--lang <en|fr>', 'language of messages (or POCDESK_LANG)');
  program.showHelpAfterError();
  platformCli(program, kit);
  for (const d of domains) d.cli?.(program, kit);
  return program;
}

export async function main(argv: string[]) {
  await buildProgram().parseAsync(argv);
}
