// The NAT lab's network (see nat-lab.mjs): network namespaces, veth links and nftables NATs, all made and removed
// by this module. Only documentation/test address ranges that exist nowhere else; nothing is routed out of the
// namespaces, and the machine's own network (root namespace) is never touched.
//
//            home1 10.250.1.2 ─ nat1 (cone) 198.51.100.2 ─┐
//                                                          ├─ inet: our server + coturn on 203.0.113.10 ─ sink
//            home2 10.250.2.2 ─ nat2 (cone | symmetric) 198.51.100.6 ─┘
//
// - inet routes between the NATs' public addresses; its default route leads into `sink`, which forwards nothing:
//   coturn drops a client's whole allocation when a relayed send fails with "Network is unreachable" (issue 9), as
//   it would not on the real internet, where every address has a route.
// - Each NAT masquerades its LAN. `cone`: plain masquerade (Linux keeps the source port when it can, so one mapping
//   serves every destination). `symmetric`: `masquerade fully-random`, a new random port per destination.
// - Each NAT drops unsolicited inbound packets on its outside leg, as home routers do. Without that, a peer's early
//   check creates a conntrack entry for the NAT's own port and Linux then maps the outbound flow to another port:
//   hole punching would succeed or fail at random.
import { execFileSync } from 'node:child_process';

export const SERVICE_IP = '203.0.113.10';

/** Runs `ip` with `args`; throws with ip's own message. */
function ip(...args) {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function sysctl(ns, setting) {
  ip('netns', 'exec', ns, 'sysctl', '-q', '-w', setting);
}

/** Namespace names of one lab run (the pid keeps parallel runs and leftovers of crashed runs apart). */
export function labNames(pid = process.pid) {
  const prefix = `natlab-${pid}`;
  return {
    inet: `${prefix}-inet`,
    sink: `${prefix}-sink`,
    nat1: `${prefix}-nat1`,
    nat2: `${prefix}-nat2`,
    home1: `${prefix}-home1`,
    home2: `${prefix}-home2`,
  };
}

/** A veth pair between two namespaces, addressed and up (names live inside the namespaces only). */
function link(nsA, nameA, addrA, nsB, nameB, addrB) {
  ip('-n', nsA, 'link', 'add', 'name', nameA, 'type', 'veth', 'peer', 'name', nameB, 'netns', nsB);
  ip('-n', nsA, 'addr', 'add', addrA, 'dev', nameA);
  ip('-n', nsB, 'addr', 'add', addrB, 'dev', nameB);
  ip('-n', nsA, 'link', 'set', nameA, 'up');
  ip('-n', nsB, 'link', 'set', nameB, 'up');
}

/** The NAT's nftables ruleset: masquerade (cone or symmetric) and no unsolicited inbound on `wan`. */
function natRules(kind) {
  const masquerade = kind === 'symmetric' ? 'masquerade fully-random' : 'masquerade';
  return `flush ruleset
table ip natlab {
  chain postrouting { type nat hook postrouting priority srcnat; oifname "wan" ${masquerade}; }
  chain forward {
    type filter hook forward priority filter; policy accept;
    iifname "wan" ct state established,related accept
    iifname "wan" drop
  }
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "wan" ct state established,related accept
    iifname "wan" drop
  }
}
`;
}

/** Sets a NAT's behaviour (`cone` or `symmetric`); can be switched between cases. */
export function setNat(nft, ns, kind) {
  execFileSync('ip', ['netns', 'exec', ns, nft, '-f', '-'], {
    input: natRules(kind),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

/** Builds the whole lab. On failure, whatever was made is left for `removeLab` (call it in `finally`). */
export function buildLab(names, nft) {
  for (const ns of Object.values(names)) {
    ip('netns', 'add', ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }
  const { inet, sink, nat1, nat2, home1, home2 } = names;
  ip('-n', inet, 'addr', 'add', `${SERVICE_IP}/32`, 'dev', 'lo');
  link(inet, 'sink', '203.0.113.253/30', sink, 'inet', '203.0.113.254/30');
  ip('-n', inet, 'route', 'add', 'default', 'via', '203.0.113.254');
  sysctl(inet, 'net.ipv4.ip_forward=1');
  sysctl(sink, 'net.ipv4.ip_forward=0');

  for (const [nat, home, n, wanInet, wanNat] of [
    [nat1, home1, 1, '198.51.100.1', '198.51.100.2'],
    [nat2, home2, 2, '198.51.100.5', '198.51.100.6'],
  ]) {
    link(inet, `nat${n}`, `${wanInet}/30`, nat, 'wan', `${wanNat}/30`);
    link(nat, 'lan', `10.250.${n}.1/24`, home, 'eth0', `10.250.${n}.2/24`);
    ip('-n', nat, 'route', 'add', 'default', 'via', wanInet);
    ip('-n', home, 'route', 'add', 'default', 'via', `10.250.${n}.1`);
    sysctl(nat, 'net.ipv4.ip_forward=1');
    setNat(nft, nat, 'cone');
  }
}

/** Deletes the namespaces of `names` that exist (their veths go with them). Never throws. */
export function removeLab(names) {
  for (const ns of Object.values(names)) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // not created (a build that failed half-way), or already gone
    }
  }
}

/** Namespaces left by lab runs whose process is gone (a crash or SIGKILL): removed before a new run. */
export function removeStaleLabs() {
  let list = '';
  try {
    list = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  } catch {
    return;
  }
  for (const line of list.split('\n')) {
    const match = /^natlab-(\d+)-\w+/.exec(line);
    if (!match) continue;
    const pid = Number(match[1]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) removeLab({ stale: match[0] });
  }
}

/** Whether this process may build namespaces: root and a working `ip netns`. Returns the reason when not. */
export function labUnavailable() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root (network namespaces need it)';
  const probe = `natlab-${process.pid}-probe`;
  try {
    ip('netns', 'add', probe);
    ip('-n', probe, 'link', 'add', 'name', 'probe0', 'type', 'veth', 'peer', 'name', 'probe1');
    return null;
  } catch (err) {
    return `\`ip netns\` does not work here (${
      String(err.stderr ?? err.message)
        .trim()
        .split('\n')[0]
    })`;
  } finally {
    removeLab({ probe });
  }
}
