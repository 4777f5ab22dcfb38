import type { Hub, HubOptions } from "./index.js";
export type { Hub, HubOptions } from "./index.js";
/** Starts a sync hub (Node). */
export function runHub(options?: HubOptions): Promise<Hub>;
