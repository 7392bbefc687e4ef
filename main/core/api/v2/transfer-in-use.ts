// The upload engine's TransferApi in a process whose sign-in can change API (the app and `slate
// serve`, where switching profiles can move from a V4 account to a legacy V2 one): each call goes
// to the API of the sign-in in use at that moment. The engine keeps one TransferApi per account.
import type { TransferApi } from '../../transfers/transfer-api.ts';
import type { ApiVersion } from '../auth/vault.ts';

export function transferApiInUse(inUse: () => ApiVersion, v4: (accountId: string) => TransferApi, v2: TransferApi): (accountId: string) => TransferApi {
  return (accountId) => {
    const own = v4(accountId);
    return new Proxy(own, {
      get(_target, name) {
        const api = inUse() === 'v2' ? v2 : own;
        const value: unknown = Reflect.get(api, name);
        return typeof value === 'function' ? value.bind(api) : value;
      },
    });
  };
}
