//! tour-rust: one call of each part of sdk/rust, reported as `name=value` lines (the test of the SDK's surface).
//! `/config`: env, dictionary, secrets (now and at `?at=`), client info, log and diagnostic text.
//! `/kv`: every key-value operation on store `local`; `/get?key=K`: one value of it. `/publish?topic=T`: publishes the body to queue `bus`.
//! Message handler: stores each message (topic, key, attempt, a header, payload) under `message:TOPIC`.
use std::fmt::Write;
use wedge::kv::Store;
use wedge::{Context, Level, Message, Request, Response, Result};

#[wedge::handler]
fn tour(ctx: &Context, req: &mut Request) -> Result<Response, wedge::Error> {
    let mut out = String::new();
    match req.path() {
        "/config" => config(ctx, req, &mut out),
        "/kv" => kv(&ctx.kv_open("local")?, &mut out)?,
        "/publish" => {
            let topic = req.query_params().get("topic").unwrap_or("tour");
            let id = ctx.publish("bus", topic, Some("k1"), req.body().to_vec(), &[("x-tour", "yes")])?;
            let _ = writeln!(out, "published={}", !id.is_empty());
        }
        "/get" => {
            let key = req.query_params().get("key").unwrap_or("");
            match ctx.kv_open("local")?.get(key)? {
                Some(value) => out.push_str(&String::from_utf8_lossy(&value)),
                None => return Ok(Response::with_status(404, "no such key\n")),
            }
        }
        _ => return Ok(Response::with_status(404, "no such tour\n")),
    }
    Ok(Response::ok(out).with_header("x-tour", req.method().as_str()))
}

fn config(ctx: &Context, req: &Request, out: &mut String) {
    let at = req.query_params().get("at").and_then(|at| at.parse().ok()).unwrap_or(0);
    let show = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let _ = writeln!(out, "env={}", show(ctx.env("GREETING")));
    let _ = writeln!(out, "dictionary={}", show(ctx.dictionary("COLOR")));
    let _ = writeln!(out, "secret={}", show(ctx.secret("TOKEN")));
    let _ = writeln!(out, "secret-at={}", show(ctx.secret_effective_at("TOKEN", at)));
    let _ = writeln!(out, "server-name={}", show(ctx.client_info("server_name")));
    let _ = writeln!(out, "client-ip={}", show(ctx.client_ip()));
    let _ = writeln!(out, "header={}", show(req.header("x-demo")));
    let _ = writeln!(out, "query-a={}", req.query_params().get_all("a").collect::<Vec<_>>().join(","));
    ctx.log(Level::Info, "tour config");
    ctx.set_user_diag("toured");
}

fn kv(store: &Store, out: &mut String) -> Result<(), wedge::Error> {
    store.set("a", "1", 0)?;
    store.set("b", b"two".to_vec(), 60_000)?;
    let text = |v: Option<Vec<u8>>| v.map(|v| String::from_utf8_lossy(&v).into_owned()).unwrap_or_else(|| "-".into());
    let _ = writeln!(out, "get={}", text(store.get("b")?));
    let _ = writeln!(out, "incr={}", store.incr("a", 41)?);
    let many: Vec<String> = store.get_many(&["a", "none", "b"])?.into_iter().map(text).collect();
    let _ = writeln!(out, "get-many={}", many.join(","));
    let _ = writeln!(out, "exists={},{}", store.exists("a")?, store.exists("none")?);
    let _ = writeln!(out, "cas={},{}", store.compare_and_set("b", Some(b"two"), "2")?, store.compare_and_set("b", Some(b"two"), "x")?);
    let _ = writeln!(out, "cas-absent={}", store.compare_and_set("c", None, "3")?);
    let mut keys = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = store.scan("[abc]", cursor.as_deref(), 1)?;
        keys.extend(page.items);
        cursor = page.cursor;
        if cursor.is_none() {
            break;
        }
    }
    keys.sort();
    let _ = writeln!(out, "scan={}", keys.join(","));
    store.zadd("z", 2.0, "two")?;
    store.zadd("z", 1.5, "one")?;
    let range: Vec<String> = store
        .zrange_by_score("z", 0.0, f64::INFINITY, 10)?
        .into_iter()
        .map(|(score, member)| format!("{}:{}", String::from_utf8_lossy(&member), score))
        .collect();
    let _ = writeln!(out, "zrange={}", range.join(","));
    let page = store.zscan("z", "t*", None, 10)?;
    let _ = writeln!(out, "zscan={}", page.items.iter().map(|(_, m)| String::from_utf8_lossy(m).into_owned()).collect::<Vec<_>>().join(","));
    let _ = writeln!(out, "delete={},{}", store.delete("c")?, store.delete("c")?);
    Ok(())
}

#[wedge::message]
fn on_message(msg: &Message) -> Result<(), wedge::Error> {
    let record = format!(
        "topic={} key={} attempt={} header={} payload={}",
        msg.topic,
        msg.key.as_deref().unwrap_or("-"),
        msg.attempt,
        msg.header("x-tour").unwrap_or("-"),
        String::from_utf8_lossy(&msg.payload)
    );
    Store::open("local")?.set(&format!("message:{}", msg.topic), record, 0)
}
