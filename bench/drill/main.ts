// `npm run drill`: the four fault drills of the hardening review (fault-drills.ts) on a private Redis
// and a private database, against real grader processes. `npm run drill -- cluster`: the Redis Cluster drill
// (cluster-drill.ts), a real 3-master + 3-replica cluster with a failover and a master killed under
// load. `npm run drill -- fleet`: three APIs behind haproxy (fleet-drill.ts). Each prints its table and exits non-zero on any loss; bounded in time; removes its database, Redis and
// processes.
import { runClusterDrill } from "./cluster-drill.ts";
import { runFaultDrills } from "./fault-drills.ts";
import { runFleetDrill } from "./fleet-drill.ts";

const DRILLS: Record<string, () => Promise<number>> = { cluster: runClusterDrill, fleet: runFleetDrill };

async function main(which: string | undefined): Promise<number> {
  if (which === undefined) return runFaultDrills();
  const drill = DRILLS[which];
  if (!drill) {
    console.error(
      `drill: unknown drill "${which}"; expected none (the fault drills) or one of: ${Object.keys(DRILLS).join(", ")}`,
    );
    return 64;
  }
  return drill();
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
