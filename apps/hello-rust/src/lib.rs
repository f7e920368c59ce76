//! hello-rust: the smallest wedge app in Rust, in FastEdge's shape (`#[wedge::http] fn main`).
use wedge::body::Body;
use wedge::http::{Request, Response, StatusCode};
use wedge::Result;

#[wedge::http]
fn main(req: Request<Body>) -> Result<Response<Body>> {
    let name = req.uri().query().and_then(|q| q.strip_prefix("name=")).unwrap_or("wedge");
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "text/plain; charset=utf-8")
        .body(Body::from(format!("Hello from {} (Rust)!\n", name)))?)
}
