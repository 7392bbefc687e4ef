// `slate <command>`: the command line for scripts and render-farm hooks.
import { serve } from './commands/serve.ts';
import { status } from './commands/status.ts';
import { EXIT, reportFailure, UsageError } from './output.ts';

const USAGE = `Usage: slate <command> [options]

Commands:
  serve [--port N] [--host H] [--sandbox]   serve the Slate UI to a browser (web agent)
  status [--json]                           show who Slate is signed in as and their accounts

Configuration: SLATE_API_URL, SLATE_TOKEN, SLATE_ACCOUNT_ID, SLATE_DATA_DIR.
Without SLATE_API_URL, Slate uses its local sandbox with demo data (not Frame.io).`;

type Command = (args: string[], json: boolean) => Promise<number>;
const commands: Record<string, Command> = { serve, status };

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [name, ...rest] = argv.filter((a) => a !== '--json');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    return await command(rest, json);
  } catch (error) {
    const usage = error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
    return reportFailure(usage ? new UsageError(error.message) : error, json);
  }
}

process.exitCode = await main(process.argv.slice(2));
