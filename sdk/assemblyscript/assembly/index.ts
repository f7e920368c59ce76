// wedge SDK for AssemblyScript http and message apps: the guest ABI of docs/abi.md with a friendly API.
// An http app exports `wedge_on_request(): i32` (0: send the response built), a message app (or an http app
// triggered by a queue too) `wedge_on_message(): i32` (0: consumed); both re-export `wedge_abi_version_1`.
export { Status, Result, statusName, fail, wedgeAbort } from "./status";
export { Header } from "./buffers";
export { Request } from "./request";
export { Response } from "./response";
export { Config, Log, Level, setUserDiag } from "./config";
export { Kv, KvKeys, ZEntry, ZPage } from "./kv";
export { Cache } from "./cache";
export { Queue } from "./queue";
export { Message, CONSUMED } from "./message";
export { fetch, FetchResponse } from "./fetch";
import * as raw from "./raw";
export { raw };

/** Declares that the app was built for version 1 of the wedge ABI; never called. */
export function wedge_abi_version_1(): void {}
