#!/usr/bin/env bash
# Mints signed URLs for the download-auth and upload-auth templates (apps/templates/*/README.md), with openssl:
#
#   SIGN_SECRET=s3cret scripts/sign-url.sh download URL [TTL_SECONDS]        # default TTL 3600
#   SIGN_SECRET=s3cret scripts/sign-url.sh upload METHOD URL [TTL_SECONDS]   # default TTL 600
#
# URL is a full URL or a path (with or without a query); the signed URL is printed. The secret comes from the
# environment, not the command line, so it stays out of shell history. EXPIRES=UNIX_SECONDS fixes the expiry
# instead of now + TTL; TOKEN_PARAM (download), SIGNATURE_PARAM and EXPIRES_PARAM (upload) name the query
# parameters when the app's parameters changed them. What is signed (hex HMAC-SHA256 under the secret):
#   download: "PATH\nEXPIRES", the token is EXPIRES-SIGNATURE
#   upload:   "METHOD\nPATH\nEXPIRES"
# PATH is the URL's path exactly as it will be requested (percent-escapes as written), without the query.
set -euo pipefail

usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ $# -ge 2 ] || usage
[ -n "${SIGN_SECRET:-}" ] || { echo "sign-url: set SIGN_SECRET to the app's secret" >&2; exit 2; }
kind=$1
shift
method=""
if [ "$kind" = upload ]; then
    [ $# -ge 2 ] || usage
    method=$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')
    shift
elif [ "$kind" != download ]; then
    usage
fi
url=$1
ttl=${2:-$([ "$kind" = upload ] && echo 600 || echo 3600)}
[[ $ttl =~ ^[0-9]+$ ]] || { echo "sign-url: TTL_SECONDS must be a whole number" >&2; exit 2; }
expires=${EXPIRES:-$(($(date +%s) + ttl))}

# The path: what follows scheme://host[:port], up to the query.
path=$url
if [[ $url == *://* ]]; then
    rest=${url#*://}
    rest=${rest%%\?*}
    [[ $rest == */* ]] && path=/${rest#*/} || path=/
fi
path=${path%%\?*}

hmac() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$SIGN_SECRET" -r | cut -d' ' -f1; }

if [ "$kind" = download ]; then
    query="${TOKEN_PARAM:-token}=$expires-$(hmac "$path"$'\n'"$expires")"
else
    query="${EXPIRES_PARAM:-expires}=$expires&${SIGNATURE_PARAM:-signature}=$(hmac "$method"$'\n'"$path"$'\n'"$expires")"
fi
case $url in
    *\?*) echo "$url&$query" ;;
    *) echo "$url?$query" ;;
esac
