import path from 'node:path';
import { createDemoErp } from '../../demo';
import { ensureWritableDir } from '../../store';
import { out, untilSignal } from '../io';
import { parsePort, parsePositiveInt, resolveDataDir } from '../options';

/** `dockside demo-erp`: the sandbox ERP on 127.0.0.1, its state in DATA/demo-erp.sqlite. */
export async function demoErpCommand(options: {
  port: string;
  data?: string;
  orders?: string;
  seed?: string;
  secret?: string;
  keyId?: string;
}): Promise<void> {
  const port = parsePort(options.port);
  const orders = options.orders === undefined ? undefined : parsePositiveInt('orders', options.orders, 1_000_000);
  const seed = options.seed === undefined ? undefined : parsePositiveInt('seed', options.seed, 2 ** 31);
  const dataDir = resolveDataDir(options);
  ensureWritableDir(dataDir);
  // --secret (or DOCKSIDE_DEMO_ERP_SECRET, which stays out of `ps`): every request must be signed with it.
  const secret = options.secret ?? process.env.DOCKSIDE_DEMO_ERP_SECRET;
  const erp = createDemoErp({
    dbPath: path.join(dataDir, 'demo-erp.sqlite'),
    orders,
    seed,
    secret,
    keyId: options.keyId,
  });
  const { url } = await erp.listen(port);
  out(
    `Dockside demo ERP listening at ${url}/api/v1 (data: ${path.join(dataDir, 'demo-erp.sqlite')})${secret ? '; signed requests required' : ''}`,
  );
  await untilSignal();
  await erp.close();
}
