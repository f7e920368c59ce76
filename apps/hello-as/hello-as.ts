// hello-as: the smallest wedge http app in AssemblyScript (the same answer as apps/hello).
import { Response } from "../../sdk/assemblyscript/assembly";
export { wedge_abi_version_1 } from "../../sdk/assemblyscript/assembly";

export function wedge_on_request(): i32 {
  Response.send(200, "text/plain; charset=utf-8", "Hello from wedge!\n");
  return 0;
}
