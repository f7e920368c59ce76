//! conformance-rust: the conformance app (apps/conformance-c/README.md gives the routes and the exact answers) on
//! sdk/rust; `/error` is the SDK's own error path: the handler's `Err` becomes a 500 with its message.
use wedge::{Context, Error, Request, Response, Status};

#[wedge::handler]
fn conformance(ctx: &Context, req: &mut Request) -> Result<Response, String> {
    let path = req.path().to_string();
    match path.as_str() {
        "/hello" => Ok(answer(200, "hello from wedge\n")),
        "/echo" => Ok(echo(req)),
        "/counter" => Ok(counter(ctx).unwrap_or_else(|e| failed(503, "store", e))),
        "/publish" => Ok(publish(ctx, req).unwrap_or_else(|e| failed(503, "publish", e))),
        "/fetch" => Ok(fetch(ctx, req)),
        "/secret" => Ok(secret(ctx, req)),
        "/env" => Ok(answer(200, format!("GREETING={}\n", dash(ctx.env("GREETING"))))),
        "/error" => Err("conformance error".to_string()),
        _ => Ok(answer(404, "no such route\n")),
    }
}

fn answer(status: u16, body: impl Into<Vec<u8>>) -> Response {
    Response::with_status(status, body.into())
        .with_header("content-type", "text/plain; charset=utf-8")
        .with_header("x-conformance", "1")
}

fn failed(status: u16, what: &str, error: Error) -> Response {
    let name = match error {
        Error::Host(status) => status.name(),
        _ => Status::INTERNAL.name(),
    };
    answer(status, format!("{} failed: {}\n", what, name))
}

fn dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "-".to_string())
}

fn echo(req: &Request) -> Response {
    let mut out = format!(
        "method={}\npath={}\nquery={}\nx-echo={}\nbody=",
        req.method(),
        req.path(),
        req.query(),
        dash(req.header("x-echo"))
    )
    .into_bytes();
    out.extend_from_slice(req.body());
    out.push(b'\n');
    answer(200, out)
}

fn counter(ctx: &Context) -> Result<Response, Error> {
    let store = ctx.kv_open("conformance")?;
    let current = store.get("counter")?.and_then(|v| String::from_utf8_lossy(&v).parse::<i64>().ok()).unwrap_or(0);
    let next = (current + 1).to_string();
    store.set("counter", &next, 0)?;
    Ok(answer(200, format!("counter={}\n", next)))
}

fn publish(ctx: &Context, req: &Request) -> Result<Response, Error> {
    ctx.publish("bus", "conformance", Some("conformance-key"), &req.body()[..], &[("x-conformance", "1")])?;
    Ok(answer(202, "published\n"))
}

fn fetch(ctx: &Context, req: &Request) -> Response {
    let url = match req.query_params().get("url") {
        Some(url) => url.to_string(),
        None => return answer(400, "missing url\n"),
    };
    match ctx.fetch(Request::get(url)) {
        Ok(response) => {
            let mut out = format!("status={}\n", response.status().as_u16()).into_bytes();
            out.extend_from_slice(response.body());
            answer(200, out)
        }
        Err(e) => failed(502, "fetch", e),
    }
}

fn secret(ctx: &Context, req: &Request) -> Response {
    let at = req.query_params().get("at").and_then(|at| at.parse().ok()).unwrap_or(0);
    let now = dash(ctx.secret("TOKEN"));
    let then = dash(ctx.secret_effective_at("TOKEN", at));
    answer(200, format!("now={};at={}\n", now, then))
}
