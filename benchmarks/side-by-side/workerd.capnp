# workerd config for the side-by-side benchmark: one worker on 127.0.0.1:8093 serving four guests (worker.js).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "hello", worker = .helloWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8093", http = (), service = "hello") ],
);

const helloWorker :Workerd.Worker = (
  modules = [
    (name = "worker", esModule = embed "worker.js"),
    (name = "hello.wasm", wasm = embed "../../apps/hello/hello.wasm"),
    (name = "wagi-hello.wasm", wasm = embed "../../apps/wagi-hello/wagi-hello.wasm"),
    (name = "large.wasm", wasm = embed "../src/main/resources/guests/large.wasm"),
    (name = "wagi-go.wasm", wasm = embed "../../apps/wagi-go/wagi-go.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);
