// Compiled (not run) by test/types.test.js: a worker as a TypeScript user writes it, resolved
// like a bundler with the workerd condition. The wasm subpath has its own declaration.
import { ShoalDB, ShoalDBError, type OpenOptions } from "shoaldb";
import wasmModule from "shoaldb/dist/shoal-engine.wasm";

const compiled: WebAssembly.Module = wasmModule;
const options: OpenOptions = { storage: "memory", wasmModule: compiled };

export default {
  async fetch(request: Request): Promise<Response> {
    const db: ShoalDB = await ShoalDB.open(options);
    try {
      const { status, body } = await db.executeRaw("ListTables", await request.text());
      return new Response(body, { status });
    } catch (error) {
      if (error instanceof ShoalDBError) return new Response(error.name, { status: error.$metadata.httpStatusCode });
      throw error;
    } finally {
      await db.close();
    }
  },
};

export function errors(): ShoalDBError {
  // @ts-expect-error wasmUrl is a string or URL
  void ShoalDB.open({ wasmUrl: 42 });
  // @ts-expect-error the default export of the wasm subpath is not a string
  const url: string = wasmModule;
  void url;
  return new ShoalDBError("ValidationException", "bad input", { httpStatusCode: 400 });
}
