// workerd serving the side-by-side guests the way wedge does: a fresh WebAssembly instance per request. For the
// side-by-side benchmark only.
//   /wagi...   apps/wagi-hello (a WASI command answering through CGI: environment in, headers and body on stdout)
//   /large...  benchmarks' large guest (17 MiB of memory, 960 KiB of data)
//   /go...     apps/wagi-go (a Go wasip1 WAGI app: 2.3 MB, the Go runtime starts on every request)
//   anything else: apps/hello
// The http apps get the few wedge ABI imports they use (docs/abi.md), implemented in JavaScript.
import hello from "hello.wasm";
import wagiHello from "wagi-hello.wasm";
import large from "large.wasm";
import wagiGo from "wagi-go.wasm";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ENOSYS = 52;
const ESPIPE = 70;
const EBADF = 8; // ends the preopened-directory scan of a WASI program (Go panics on anything else)
const UNSUPPORTED = 6;

class Exit {
  constructor(code) { this.code = code; }
}

// The imports a module asks for: the known ones, ENOSYS (WASI) or UNSUPPORTED (wedge) for the rest.
function link(module, known) {
  const imports = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    imports[from] ??= {};
    imports[from][name] = known[from]?.[name] ?? (() => (from === "wedge" ? UNSUPPORTED : ENOSYS));
  }
  return imports;
}

// fd_write over iovecs; each written chunk goes to sink(fd, bytes).
function fdWrite(memory, sink) {
  return (fd, iovs, count, written) => {
    const view = new DataView(memory().buffer);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const ptr = view.getUint32(iovs + 8 * i, true);
      const len = view.getUint32(iovs + 8 * i + 4, true);
      sink(fd, new Uint8Array(memory().buffer, ptr, len));
      total += len;
    }
    view.setUint32(written, total, true);
    return 0;
  };
}

function concat(chunks) {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) { all.set(chunk, offset); offset += chunk.length; }
  return all;
}

function httpApp(module) {
  let status = 200;
  const headers = new Headers();
  const chunks = [];
  let memory;
  const bytes = (ptr, len) => new Uint8Array(memory.buffer, ptr, len);
  const text = (ptr, len) => decoder.decode(bytes(ptr, len));
  const instance = new WebAssembly.Instance(module, link(module, {
    wedge: {
      response_set_status: (code) => { status = code; return 0; },
      response_set_header: (n, nl, v, vl) => { headers.set(text(n, nl), text(v, vl)); return 0; },
      response_add_header: (n, nl, v, vl) => { headers.append(text(n, nl), text(v, vl)); return 0; },
      response_write: (ptr, len) => { chunks.push(bytes(ptr, len).slice()); return 0; },
    },
    wasi_snapshot_preview1: {
      fd_write: fdWrite(() => memory, () => {}), // stdout is a log in wedge; here it is dropped
      fd_close: () => 0,
      fd_seek: () => ESPIPE,
    },
  }));
  memory = instance.exports.memory;
  instance.exports._initialize?.();
  if (instance.exports.wedge_on_request() !== 0) {
    return new Response("handler failed\n", { status: 500 });
  }
  return new Response(concat(chunks), { status, headers });
}

// The CGI variables wedge gives a WAGI app (docs/abi.md), as NAME=value strings.
function cgiEnvironment(request) {
  const url = new URL(request.url);
  const vars = {
    GATEWAY_INTERFACE: "CGI/1.1", SERVER_PROTOCOL: "HTTP/1.1", SERVER_SOFTWARE: "workerd",
    REQUEST_METHOD: request.method, SCRIPT_NAME: "", PATH_INFO: url.pathname,
    QUERY_STRING: url.search.slice(1), SERVER_NAME: url.hostname, SERVER_PORT: url.port || "80",
    CONTENT_LENGTH: request.headers.get("content-length") ?? "0",
  };
  for (const [name, value] of request.headers) {
    vars["HTTP_" + name.toUpperCase().replaceAll("-", "_")] = value;
  }
  return Object.entries(vars).map(([name, value]) => encoder.encode(`${name}=${value}\0`));
}

// fd_read of stdin (the request body, as wedge gives it to a WAGI app); other descriptors read nothing.
function stdinRead(memory, body) {
  let offset = 0;
  return (fd, iovs, count, read) => {
    const view = new DataView(memory().buffer);
    let total = 0;
    for (let i = 0; i < count && fd === 0; i++) {
      const ptr = view.getUint32(iovs + 8 * i, true);
      const len = Math.min(view.getUint32(iovs + 8 * i + 4, true), body.length - offset);
      new Uint8Array(memory().buffer, ptr, len).set(body.subarray(offset, offset + len));
      offset += len;
      total += len;
    }
    view.setUint32(read, total, true);
    return 0;
  };
}

function randomGet(memory) {
  return (ptr, len) => {
    for (let done = 0; done < len; done += 65536) { // getRandomValues fills at most 64 KiB a call
      crypto.getRandomValues(new Uint8Array(memory().buffer, ptr + done, Math.min(65536, len - done)));
    }
    return 0;
  };
}

function wagiApp(module, request, body) {
  const environment = cgiEnvironment(request);
  const stdout = [];
  let memory;
  const instance = new WebAssembly.Instance(module, link(module, {
    wasi_snapshot_preview1: {
      environ_sizes_get: (count, size) => {
        const view = new DataView(memory.buffer);
        view.setUint32(count, environment.length, true);
        view.setUint32(size, environment.reduce((sum, entry) => sum + entry.length, 0), true);
        return 0;
      },
      environ_get: (pointers, buffer) => {
        const view = new DataView(memory.buffer);
        environment.forEach((entry, i) => {
          view.setUint32(pointers + 4 * i, buffer, true);
          new Uint8Array(memory.buffer).set(entry, buffer);
          buffer += entry.length;
        });
        return 0;
      },
      fd_write: fdWrite(() => memory, (fd, bytes) => { if (fd === 1) stdout.push(bytes.slice()); }),
      fd_read: stdinRead(() => memory, body),
      args_sizes_get: (count, size) => {
        new DataView(memory.buffer).setUint32(count, 0, true);
        new DataView(memory.buffer).setUint32(size, 0, true);
        return 0;
      },
      args_get: () => 0,
      clock_time_get: (id, precision, time) => {
        new DataView(memory.buffer).setBigUint64(time, BigInt(Date.now()) * 1000000n, true);
        return 0;
      },
      random_get: randomGet(() => memory),
      fd_prestat_get: () => EBADF,
      fd_fdstat_set_flags: () => 0,
      sched_yield: () => 0,
      fd_fdstat_get: (fd, stat) => {
        new Uint8Array(memory.buffer, stat, 24).fill(0);
        new DataView(memory.buffer).setUint8(stat, 2); // a character device: stdio
        return 0;
      },
      fd_close: () => 0,
      fd_seek: () => ESPIPE,
      proc_exit: (code) => { throw new Exit(code); },
    },
  }));
  memory = instance.exports.memory;
  let code = 0;
  try {
    instance.exports._start();
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    code = e.code;
  }
  if (code !== 0) return new Response("exit " + code + "\n", { status: 500 });
  const output = concat(stdout);
  let end = 0;
  while (end + 1 < output.length && !(output[end] === 10 && output[end + 1] === 10)) end++;
  const headers = new Headers();
  let status = 200;
  for (const line of decoder.decode(output.subarray(0, end)).split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === "status") status = parseInt(value, 10);
    else headers.append(name, value);
  }
  return new Response(output.subarray(end + 2), { status, headers });
}

export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    const body = new Uint8Array(await request.arrayBuffer());
    if (path.startsWith("/wagi")) return wagiApp(wagiHello, request, body);
    if (path.startsWith("/go")) return wagiApp(wagiGo, request, body);
    if (path.startsWith("/large")) return httpApp(large);
    return httpApp(hello);
  },
};
