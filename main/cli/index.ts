// `slate <command>`: the command line for scripts and render-farm hooks.
import { EXIT, reportFailure, UsageError } from './output.ts';

const USAGE = `Usage: slate <command> [options]

Commands:
  login [--ims-url URL] [--client-id ID] [--no-browser]
                                            sign in with Adobe (stored in the data folder, 0600)
      [--token - [--legacy]] [--use <email>]  or keep a bearer / legacy developer token, or switch profile;
                                            --token - reads it from standard input, or asks without showing
                                            it: --token T also works but leaves it in \`ps\` and shell history
      [--api v2]                            a legacy (V2) account's token: whoami, ls and upload speak V2
  whoami                                    show who Slate is signed in as, and the other profiles
  logout [--profile <email>]                revoke the sign-in and forget it here
  serve [--port N] [--host H] [--sandbox]   serve the Slate UI to a browser (web agent); --host 0.0.0.0
                                            or :: to reach it from other machines (with the URL's key)
      [--allow-root DIR]...                 watch folders only under these (repeatable; default: home)
      [--allow-delete-after-upload]         let watches delete the files they uploaded
  status [--json]                           show who Slate is signed in as, their accounts and transfer
                                            jobs; it only reads, so it works while an upload runs
  upload <paths...> --to <folder-id>        upload files and folders, keeping their structure
      [--concurrency 1-16] [--on-conflict skip|version|rename|new]
      [--bwlimit 10M|160Mbps|off|"08:00,5M 19:00,off"] (0 is refused: "off" is no limit)
      [--priority N]                        (running it again resumes what did not finish)
      [--live [--stable SECONDS]]           one file still being written, sent as it grows (legacy V2
                                            accounts; finished after SECONDS unchanged, default 5)
  download <id> --to <dir>                  bring a file, a folder's whole tree or a version stack home
      [--all-versions] [--on-conflict rename|overwrite|skip] [--concurrency 1-32]
      [--bwlimit …] [--range-size BYTES]   (running it again finishes it; identical files are skipped)
      [--follow [--versions replace|beside] [--check-every SECONDS]]
                                            keep a folder in sync until stopped: what lands later comes down
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
      [--rescan SECONDS]                    a full look every SECONDS, for network shares (no events)
      [--upload-first oldest|newest]        which finished file goes up first while others wait

Transfer commands take --api-url, --token, --api, --account and --data-dir, and --json for one JSON
object per line (progress, files, connection changes, then the result). When Frame.io cannot be
reached they wait and carry on by themselves; upload, remote-upload, stack and resume take
--give-up-after DURATION (90s, 10m, 1h) to fail instead after that long without it.
Exit code 0 only when every file succeeded; 130 (Ctrl+C) or 143 (SIGTERM) when stopped, with
what was left unfinished kept for the next run or \`slate resume\`.

Configuration: SLATE_API_URL, SLATE_TOKEN (SLATE_TOKEN_KIND=legacy for a developer token),
SLATE_ACCOUNT_ID, SLATE_DATA_DIR; sign-in: SLATE_IMS_URL, SLATE_IMS_CLIENT_ID. Without a token,
commands use the profile \`slate login\` stored.
Without SLATE_API_URL, Slate uses its local sandbox with demo data (not Frame.io).`;

type Command = (args: string[], json: boolean) => Promise<number>;
// Loaded on demand: an upload should not carry the web agent or the embedded sandbox in memory.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.ts')).serve,
  status: async () => (await import('./commands/status.ts')).status,
  upload: async () => (await import('./commands/upload.ts')).upload,
  'remote-upload': async () => (await import('./commands/remote-upload.ts')).remoteUpload,
  download: async () => (await import('./commands/download.ts')).download,
  stack: async () => (await import('./commands/stack.ts')).stack,
  ls: async () => (await import('./commands/ls.ts')).ls,
  resume: async () => (await import('./commands/resume.ts')).resume,
  comments: async () => (await import('./commands/comments.ts')).comments,
  watch: async () => (await import('./commands/watch.ts')).watchCommand,
  login: async () => (await import('./commands/login.ts')).login,
  whoami: async () => (await import('./commands/whoami.ts')).whoami,
  logout: async () => (await import('./commands/logout.ts')).logout,
};

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [name, ...rest] = argv.filter((a) => a !== '--json');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = commands[name];
  try {
    if (!load) throw new UsageError(`Unknown command "${name}".`);
    return await (await load())(rest, json);
  } catch (error) {
    const usage = error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
    return reportFailure(usage ? new UsageError(error.message) : error, json);
  }
}

process.exitCode = await main(process.argv.slice(2));
