//! anon-proxy-rust: the anonymous proxy of issue 16 in Rust, its handler body exactly as the issue writes it.
//! It fetches the URL in the `url` query parameter with a fresh GET (no inbound header is passed on, so nothing
//! tells the origin who asked) and answers with the origin's response. A missing parameter or a refused call is
//! an `Err`, which the SDK answers as a 500 with the message (the C anon-proxy answers 400 and 502 instead).
use wedge::{Context as HostFunctionContext, Request, Response};

#[wedge::handler]
fn anonymous_proxy(ctx: &HostFunctionContext, req: &mut Request) -> Result<Response, String> {
    let url = req.query_params().get("url").ok_or("Missing 'url' query parameter")?;
    let mut new_req = Request::get(url);
    new_req.headers_mut().remove("host");
    new_req.headers_mut().remove("referer");
    let resp = ctx.fetch(new_req)?;
    Ok(resp)
}
