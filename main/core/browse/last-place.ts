// The last place the person was on the Projects screen, kept in the data folder per Frame.io server,
// so the next start opens there whichever window asks: the desktop's, or a browser on the web agent,
// whose own storage is per origin and so starts empty when the agent comes back on another port.
import Conf from 'conf';

export class LastPlace {
  private readonly conf: Conf<Record<string, string>> | undefined;
  private readonly server: string;
  /** the place while this process runs, where nothing is kept on disk */
  private kept: string | null = null;

  /** Without a data folder (the embedded sandbox, which starts afresh each run) the place lasts as long as the process. */
  constructor(server: string, dataDir: string | undefined) {
    // Server URLs hold dots, which conf would otherwise read as paths into nested objects.
    this.conf = dataDir === undefined ? undefined : new Conf<Record<string, string>>({ cwd: dataDir, configName: 'last-place', projectName: 'slate', configFileMode: 0o600, accessPropertiesByDotNotation: false });
    this.server = server;
  }

  get(): string | null {
    if (!this.conf) return this.kept;
    const address: unknown = this.conf.get(this.server);
    return typeof address === 'string' ? address : null;
  }

  set(address: string): void {
    if (!this.conf) this.kept = address;
    else if (this.get() !== address) this.conf.set(this.server, address);
  }
}
