// workerd serving apps/hello/hello.wasm the way wedge does: a fresh WebAssembly instance per request, with the
// few wedge ABI imports hello uses (docs/abi.md) implemented in JavaScript. For the side-by-side benchmark only.
import hello from "hello.wasm";

const decoder = new TextDecoder();
const ENOSYS = 52;
const UNSUPPORTED = 6;

export default {
  async fetch() {
    let status = 200;
    const headers = new Headers();
    const chunks = [];
    let memory;
    const bytes = (ptr, len) => new Uint8Array(memory.buffer, ptr, len);
    const text = (ptr, len) => decoder.decode(bytes(ptr, len));
    const known = {
      wedge: {
        response_set_status: (code) => { status = code; return 0; },
        response_set_header: (n, nl, v, vl) => { headers.set(text(n, nl), text(v, vl)); return 0; },
        response_add_header: (n, nl, v, vl) => { headers.append(text(n, nl), text(v, vl)); return 0; },
        response_write: (ptr, len) => { chunks.push(bytes(ptr, len).slice()); return 0; },
      },
      wasi_snapshot_preview1: {
        // stdout is a log in wedge; here it is counted as written and dropped
        fd_write: (fd, iovs, count, written) => {
          const view = new DataView(memory.buffer);
          let total = 0;
          for (let i = 0; i < count; i++) total += view.getUint32(iovs + 8 * i + 4, true);
          view.setUint32(written, total, true);
          return 0;
        },
        fd_close: () => 0,
        fd_seek: () => 70,
      },
    };
    const imports = {};
    for (const { module, name } of WebAssembly.Module.imports(hello)) {
      imports[module] ??= {};
      imports[module][name] = known[module]?.[name] ?? (() => (module === "wedge" ? UNSUPPORTED : ENOSYS));
    }
    const instance = new WebAssembly.Instance(hello, imports);
    memory = instance.exports.memory;
    instance.exports._initialize?.();
    if (instance.exports.wedge_on_request() !== 0) {
      return new Response("handler failed\n", { status: 500 });
    }
    let length = 0;
    for (const chunk of chunks) length += chunk.length;
    const body = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) { body.set(chunk, offset); offset += chunk.length; }
    return new Response(body, { status, headers });
  },
};
