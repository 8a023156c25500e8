// Owns the emulated test profiles: the network preset, the CPU calibration targets, the device
// viewport, and how a profile is applied to a page over the Chrome DevTools Protocol (CDP).
//
// P-LOW = Chrome DevTools' "Slow 4G" network + the CPU throttling rate that makes this machine
// score like DevTools' low-tier reference phone on Lighthouse's BenchmarkIndex.
//
// Scope of the emulation (worth knowing when reading the figures):
// * `Network.emulateNetworkConditions` applies only to the CDP target it is sent to. We send it
//   to the page. A service worker is a separate target and is not throttled by it. For the cold
//   load that is fine: the worker is registered after the load event, so it does not take part in
//   fetching the shell; its precache downloads afterwards run unthrottled (and are not timed).
// * `Emulation.setCPUThrottlingRate` slows the page's renderer main thread only. Threads that are
//   not the main thread (V8's background wasm compilers, the service worker, the network
//   service, raster/compositor) run at full speed, so work that happens there is under-counted.
import { TABLETS } from "../support/browser.mjs";

/**
 * Chrome DevTools' "Slow 4G" preset (alias of "Fast 3G"; also Lighthouse's mobile default):
 * 150 ms RTT and 1.6 Mbps / 750 kbps, with DevTools' request-level correction factors
 * (latency × 3.75, throughput × 0.9). Sources: puppeteer `PredefinedNetworkConditions`,
 * devtools-frontend `core/sdk/NetworkManager.ts`, lighthouse `docs/throttling.md`.
 * CDP wants latency in ms and throughput in bytes per second.
 */
export const SLOW_4G = Object.freeze({
  name: "Slow 4G",
  offline: false,
  latency: 150 * 3.75, // 562.5 ms
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, // 180,000 B/s = 1.44 Mbps
  uploadThroughput: ((750 * 1000) / 8) * 0.9, // 84,375 B/s = 675 kbps
});

/**
 * BenchmarkIndex targets of DevTools' CPU throttling calibration (Chrome 134+): low-tier =
 * Moto G Power 2022 (264), mid-tier = Pixel 5 (1000). Source: devtools-frontend
 * `panels/mobile_throttling/CalibrationController.ts`;
 * https://developer.chrome.com/blog/devtools-grounded-real-world
 */
export const CPU_TARGETS = Object.freeze({ lowTier: 264, midTier: 1000 });

/** The device the app is measured on: the tablet-portrait viewport of the e2e tests. */
export const DEVICE = TABLETS[0];

/** Context options for a measuring context. */
export function contextOptions(extra = {}) {
  const { name: _name, ...device } = DEVICE;
  return { ...device, locale: "zh-CN", serviceWorkers: "allow", ...extra };
}

/** The low-tier profile for a given CPU rate. */
export function lowTierProfile(cpuRate) {
  return { name: "P-LOW", network: SLOW_4G, cpuRate, device: DEVICE.name };
}

/** Human-readable description of a profile. */
export function describeProfile(p) {
  const n = p.network;
  return `${p.name}: ${n.name} (${n.latency} ms latency, ${((n.downloadThroughput * 8) / 1e6).toFixed(2)} Mbps down, ` +
    `${((n.uploadThroughput * 8) / 1e3).toFixed(0)} kbps up) + CPU ${p.cpuRate}x slowdown, ${p.device} viewport`;
}

/** Throttles the page's CPU (1 = off). */
export async function setCpuRate(cdp, rate) {
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

/** Applies the profile's network conditions to the page target (see the note at the top). */
export async function setNetwork(cdp, network) {
  await cdp.send("Network.enable");
  const { name: _name, ...conditions } = network;
  await cdp.send("Network.emulateNetworkConditions", conditions);
}

/** Applies network and CPU throttling of a profile to one page target. */
export async function applyProfile(cdp, profile, { network = true } = {}) {
  if (network) await setNetwork(cdp, profile.network);
  await setCpuRate(cdp, profile.cpuRate);
}
