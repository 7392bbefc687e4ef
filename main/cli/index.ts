// `slate <command>`: the command line for scripts and render-farm hooks.
import { comments } from './commands/comments.ts';
import { ls } from './commands/ls.ts';
import { remoteUpload } from './commands/remote-upload.ts';
import { resume } from './commands/resume.ts';
import { serve } from './commands/serve.ts';
import { stack } from './commands/stack.ts';
import { status } from './commands/status.ts';
import { upload } from './commands/upload.ts';
import { watchCommand } from './commands/watch.ts';
import { EXIT, reportFailure, UsageError } from './output.ts';

const USAGE = `Usage: slate <command> [options]

Commands:
  serve [--port N] [--host H] [--sandbox]   serve the Slate UI to a browser (web agent)
  status [--json]                           show who Slate is signed in as, their accounts and transfer jobs
  upload <paths...> --to <folder-id>        upload files and folders, keeping their structure
      [--concurrency N] [--on-conflict skip|version|rename|new] [--bwlimit 10M|"08:00,5M 19:00,off"]
      [--priority N]                        (running it again resumes what did not finish)
  remote-upload <url> --to <folder-id> [--name N]
                                            have Frame.io fetch a URL into a folder
  stack <file-id> <new-path>                upload a file as the newest version of another
  ls <folder-id>                            list a folder
  resume                                    finish every unfinished job in the journal
  comments <file-id> [--format csv|edl|avid|fcpxml|json] [--output FILE] [--fps RATE] [--start-tc TC]
                                            export a file's review comments
  watch <dir> --to <folder-id>              upload every finished file that appears in a folder tree, until stopped
      [--stable SECONDS] [--ignore GLOB]... [--include GLOB]... [--on-same-name version|skip|new]
      [--exact-names] [--after-upload leave|move|delete] [--uploaded-folder NAME]

Transfer commands take --api-url, --token, --account and --data-dir, and --json for one JSON
object per line (progress, files, then the result). Exit code 0 only when every file succeeded.

Configuration: SLATE_API_URL, SLATE_TOKEN, SLATE_ACCOUNT_ID, SLATE_DATA_DIR.
Without SLATE_API_URL, Slate uses its local sandbox with demo data (not Frame.io).`;

type Command = (args: string[], json: boolean) => Promise<number>;
const commands: Record<string, Command> = { serve, status, upload, 'remote-upload': remoteUpload, stack, ls, resume, comments, watch: watchCommand };

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
