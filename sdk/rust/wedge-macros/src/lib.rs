//! The entry-point attributes of the wedge SDK. Each one keeps the function as written and adds the export the
//! host calls (docs/abi.md), which hands the function to a runner in `wedge::__private`. Plain `proc_macro` is
//! enough here (only the function's name is needed), so the crate has no dependencies.
use proc_macro::{TokenStream, TokenTree};

/// `#[wedge::handler] fn name(ctx: &Context, req: &mut Request) -> Result<Response, E>`: an http app.
#[proc_macro_attribute]
pub fn handler(_attr: TokenStream, item: TokenStream) -> TokenStream {
    export(item, "wedge_on_request", "serve_handler", true)
}

/// `#[wedge::http] fn main(req: http::Request<Body>) -> Result<http::Response<Body>, E>`: an http app,
/// FastEdge style.
#[proc_macro_attribute]
pub fn http(_attr: TokenStream, item: TokenStream) -> TokenStream {
    export(item, "wedge_on_request", "serve_http", true)
}

/// `#[wedge::message] fn name(msg: &Message) -> Result<(), E>`: a queue message handler.
#[proc_macro_attribute]
pub fn message(_attr: TokenStream, item: TokenStream) -> TokenStream {
    export(item, "wedge_on_message", "serve_message", false)
}

fn export(item: TokenStream, export: &str, runner: &str, http: bool) -> TokenStream {
    let name = match function_name(&item) {
        Some(name) => name,
        None => return "compile_error!(\"a wedge entry-point attribute goes on a `fn`\");".parse().unwrap(),
    };
    // An http app also declares the ABI version it was built for.
    let marker = if http {
        "#[no_mangle] pub extern \"C\" fn wedge_abi_version_1() {}"
    } else {
        ""
    };
    let generated = format!(
        "#[no_mangle] pub extern \"C\" fn {export}() -> i32 {{ ::wedge::__private::{runner}({name}) }} {marker}"
    );
    let mut out = item;
    out.extend(generated.parse::<TokenStream>().unwrap());
    out
}

/// The identifier after the `fn` keyword.
fn function_name(item: &TokenStream) -> Option<String> {
    let mut tokens = item.clone().into_iter();
    while let Some(token) = tokens.next() {
        if let TokenTree::Ident(ident) = &token {
            if ident.to_string() == "fn" {
                return match tokens.next() {
                    Some(TokenTree::Ident(name)) => Some(name.to_string()),
                    _ => None,
                };
            }
        }
    }
    None
}
