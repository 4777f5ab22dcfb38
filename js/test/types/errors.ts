// Mistakes the declarations must reject: each line below carries @ts-expect-error, so tsc fails
// if a declaration is too loose to flag it.
import { ShoalDB, ShoalDBError } from "shoaldb";

export async function mistakes(db: ShoalDB): Promise<void> {
  // @ts-expect-error storage must be "memory"
  await ShoalDB.open({ storage: 42 });
  // @ts-expect-error put needs an Item
  await db.put({ TableName: "t" });
  // @ts-expect-error get needs a Key
  await db.get({ TableName: "t" });
  // @ts-expect-error a function is no attribute value
  await db.put({ TableName: "t", Item: { f: () => 1 } });
  // @ts-expect-error the constructor is private: use ShoalDB.open()
  new ShoalDB();
  try {
    await db.get({ TableName: "t", Key: { id: "a" } });
  } catch (error) {
    if (error instanceof ShoalDBError) {
      const status: number = error.$metadata.httpStatusCode;
      const fault: "client" | "server" = error.$fault;
      // @ts-expect-error $fault is "client" | "server"
      const wrong: "neither" = error.$fault;
      void [status, fault, wrong];
    }
  }
}
