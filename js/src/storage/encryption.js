// Encryption at rest: AES-GCM (WebCrypto, in every runtime ShoalDB runs in) over log records and
// snapshots before they reach any adapter. The key is a CryptoKey for AES-GCM, or a passphrase
// turned into one with PBKDF2-SHA256 and a random salt kept in each snapshot's header.
//
// Snapshot, encrypted:  "ShoalEnc" | u8 version 1 | u8 kdf (0 key, 1 PBKDF2) | u32le iterations |
//                       salt[16] | iv[12] | ciphertext+tag
// Log, encrypted: a sequence of frames, one per append: u32le n | iv[12] | ciphertext+tag (n bytes)
// Each is authenticated with its kind as additional data, so a log frame cannot pass for a
// snapshot. A wrong key fails authentication: opening reports it instead of reading garbage.
import { concat } from "./bytes.js";
import { StorageFailedError } from "./storage-errors.js";

const MAGIC = new TextEncoder().encode("ShoalEnc");
const VERSION = 1;
const KDF_RAW_KEY = 0;
const KDF_PBKDF2 = 1;
const PBKDF2_ITERATIONS = 600_000; // OWASP's figure for PBKDF2-HMAC-SHA256
const SALT_BYTES = 16;
const IV_BYTES = 12;
const HEADER_BYTES = MAGIC.length + 1 + 1 + 4 + SALT_BYTES + IV_BYTES;
const SNAPSHOT_DATA = new TextEncoder().encode("shoaldb snapshot v1");
const LOG_DATA = new TextEncoder().encode("shoaldb log v1");

/** True when `bytes` start like an encrypted snapshot. */
export function isEncryptedSnapshot(bytes) {
  if (bytes.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i += 1) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

/**
 * A cipher for one database.
 * @param {CryptoKey | string} encryptionKey
 */
export async function createCipher(encryptionKey) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error("ShoalDB.open: encryptionKey needs WebCrypto (crypto.subtle), which this runtime lacks");
  if (typeof encryptionKey === "string") {
    if (encryptionKey.length === 0) throw new TypeError("ShoalDB.open: the encryptionKey passphrase is empty");
    return new Cipher(subtle, { passphrase: encryptionKey });
  }
  if (!isAesGcmKey(encryptionKey)) {
    throw new TypeError(
      "ShoalDB.open: encryptionKey must be a passphrase string or a WebCrypto AES-GCM CryptoKey with encrypt and decrypt usages",
    );
  }
  return new Cipher(subtle, { key: encryptionKey });
}

function isAesGcmKey(key) {
  return (
    typeof CryptoKey !== "undefined" &&
    key instanceof CryptoKey &&
    key.algorithm?.name === "AES-GCM" &&
    key.usages.includes("encrypt") &&
    key.usages.includes("decrypt")
  );
}

class Cipher {
  #subtle;
  #passphrase;
  #key; // the key in use (set at once for a CryptoKey; after the salt is known for a passphrase)
  #salt = null;
  #derived = new Map(); // salt hex -> Promise<CryptoKey>

  constructor(subtle, { passphrase, key }) {
    this.#subtle = subtle;
    this.#passphrase = passphrase ?? null;
    this.#key = key ?? null;
  }

  async encryptSnapshot(plaintext) {
    const key = await this.#currentKey();
    const iv = randomBytes(IV_BYTES);
    const sealed = new Uint8Array(await this.#subtle.encrypt(gcm(iv, SNAPSHOT_DATA), key, plaintext));
    const header = new Uint8Array(HEADER_BYTES);
    const view = new DataView(header.buffer);
    header.set(MAGIC, 0);
    header[8] = VERSION;
    header[9] = this.#passphrase === null ? KDF_RAW_KEY : KDF_PBKDF2;
    view.setUint32(10, this.#passphrase === null ? 0 : PBKDF2_ITERATIONS, true);
    header.set(this.#salt ?? new Uint8Array(SALT_BYTES), 14);
    header.set(iv, 14 + SALT_BYTES);
    return concat([header, sealed]);
  }

  /** The snapshot's plaintext; throws StorageFailedError when it does not authenticate. */
  async decryptSnapshot(bytes) {
    if (!isEncryptedSnapshot(bytes)) {
      throw new StorageFailedError("ShoalDB.open: the database is not encrypted, but an encryptionKey was given");
    }
    if (bytes.length < HEADER_BYTES + 16 || bytes[8] !== VERSION) {
      throw new StorageFailedError("ShoalDB.open: the encrypted snapshot is damaged or from a newer version");
    }
    const kdf = bytes[9];
    const iterations = new DataView(bytes.buffer, bytes.byteOffset).getUint32(10, true);
    const salt = bytes.slice(14, 14 + SALT_BYTES);
    const iv = bytes.slice(14 + SALT_BYTES, HEADER_BYTES);
    let key;
    if (kdf === KDF_PBKDF2) {
      if (this.#passphrase === null) throw wrongKey("it was encrypted with a passphrase, and a CryptoKey was given");
      key = await this.#deriveKey(salt, iterations);
    } else if (kdf === KDF_RAW_KEY) {
      if (this.#key === null || this.#passphrase !== null) {
        throw wrongKey("it was encrypted with a CryptoKey, and a passphrase was given");
      }
      key = this.#key;
    } else {
      throw new StorageFailedError("ShoalDB.open: the encrypted snapshot names an unknown key derivation");
    }
    let plaintext;
    try {
      plaintext = new Uint8Array(await this.#subtle.decrypt(gcm(iv, SNAPSHOT_DATA), key, bytes.subarray(HEADER_BYTES)));
    } catch {
      throw wrongKey("the key does not decrypt it (or the snapshot is damaged)");
    }
    // From now on the log and new snapshots use this key (and salt).
    this.#key = key;
    if (kdf === KDF_PBKDF2) this.#salt = salt;
    return plaintext;
  }

  async encryptLog(plaintext) {
    const key = await this.#currentKey();
    const iv = randomBytes(IV_BYTES);
    const sealed = new Uint8Array(await this.#subtle.encrypt(gcm(iv, LOG_DATA), key, plaintext));
    const frame = new Uint8Array(4 + IV_BYTES + sealed.length);
    new DataView(frame.buffer).setUint32(0, IV_BYTES + sealed.length, true);
    frame.set(iv, 4);
    frame.set(sealed, 4 + IV_BYTES);
    return frame;
  }

  /**
   * The plaintext of the log's whole, authentic frames, up to the first that is torn or does not
   * authenticate; and a map from plaintext offsets back to stored offsets (for truncation).
   */
  async decryptLog(stored) {
    const key = await this.#currentKey();
    const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
    const pieces = [];
    const ends = []; // [plaintext end, stored end] per frame
    let at = 0;
    let plainEnd = 0;
    while (at + 4 <= stored.length) {
      const n = view.getUint32(at, true);
      if (n < IV_BYTES + 16 || at + 4 + n > stored.length) break;
      const iv = stored.subarray(at + 4, at + 4 + IV_BYTES);
      let plain;
      try {
        plain = new Uint8Array(await this.#subtle.decrypt(gcm(iv, LOG_DATA), key, stored.subarray(at + 4 + IV_BYTES, at + 4 + n)));
      } catch {
        break;
      }
      pieces.push(plain);
      at += 4 + n;
      plainEnd += plain.length;
      ends.push([plainEnd, at]);
    }
    return {
      plaintext: concat(pieces),
      frames: {
        // Where to cut the stored log so that it holds exactly the frames whose plaintext lies
        // within the first `plainBytes` bytes. Frames hold whole records, so recovery's valid
        // prefix always ends on a frame boundary unless a frame's records were refused.
        storedBytesBefore(plainBytes) {
          let cut = 0;
          for (const [plain, storedEnd] of ends) {
            if (plain > plainBytes) break;
            cut = storedEnd;
          }
          return cut;
        },
      },
    };
  }

  async #currentKey() {
    if (this.#key) return this.#key;
    // A new database with a passphrase: a fresh salt.
    this.#salt = randomBytes(SALT_BYTES);
    this.#key = await this.#deriveKey(this.#salt, PBKDF2_ITERATIONS);
    return this.#key;
  }

  #deriveKey(salt, iterations) {
    const id = `${iterations}:${[...salt].join(",")}`;
    let key = this.#derived.get(id);
    if (!key) {
      key = (async () => {
        const material = await this.#subtle.importKey("raw", new TextEncoder().encode(this.#passphrase), "PBKDF2", false, [
          "deriveKey",
        ]);
        return this.#subtle.deriveKey(
          { name: "PBKDF2", hash: "SHA-256", salt, iterations },
          material,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        );
      })();
      this.#derived.set(id, key);
    }
    return key;
  }
}

function gcm(iv, additionalData) {
  return { name: "AES-GCM", iv, additionalData, tagLength: 128 };
}

function randomBytes(n) {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

function wrongKey(why) {
  return new StorageFailedError(`ShoalDB.open: cannot decrypt the database with this encryptionKey: ${why}`);
}
