// A dedicated worker running the same round trip: the engine loads inside the worker.
import { roundTrip } from "./round-trip.js";

roundTrip().then(
  (value) => self.postMessage({ ok: true, value }),
  (error) => self.postMessage({ ok: false, error: String(error?.stack ?? error) }),
);
