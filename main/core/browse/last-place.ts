// The last place the person was on the Projects screen, kept in the data folder per Frame.io server,
// so the next start opens there whichever window asks: the desktop's, or a browser on the web agent,
// whose own storage is per origin and so starts empty when the agent comes back on another port.
import Conf from 'conf';

export class LastPlace {
  private readonly conf: Conf<Record<string, string>>;
  private readonly server: string;

  constructor(dataDir: string, server: string) {
    // Server URLs hold dots, which conf would otherwise read as paths into nested objects.
    this.conf = new Conf<Record<string, string>>({ cwd: dataDir, configName: 'last-place', projectName: 'slate', configFileMode: 0o600, accessPropertiesByDotNotation: false });
    this.server = server;
  }

  get(): string | null {
    const address: unknown = this.conf.get(this.server);
    return typeof address === 'string' ? address : null;
  }

  set(address: string): void {
    if (this.get() !== address) this.conf.set(this.server, address);
  }
}
