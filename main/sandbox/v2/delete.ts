// DELETE /v2/assets/{asset_id}: the asset and everything inside it, with their comments; the
// reference answers 200 with the asset as it was.
import { deleteTree } from '../assets.ts';
import { ok, writableAsset, type V2Handler } from './context.ts';
import { presentAsset } from './present.ts';

export const deleteAsset: V2Handler = (ctx) => {
  const record = writableAsset(ctx, ctx.params.asset_id!);
  const answer = presentAsset(ctx.world, record);
  deleteTree(ctx.world, record);
  return ok(answer);
};
