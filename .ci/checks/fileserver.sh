#!/usr/bin/env bash
# Real clients against a running file server, the way the Welkin guide's pods use it:
# curl and wget upload and download an OpenSearch-plugin-like zip and a Falco driver, compare sha256,
# fetch the driver by the loader's %2B URL and by a raw '+', check a Range request, checksum files and 404s.
# Needs: AIRLOCK_FILESERVER_URL (e.g. http://127.0.0.1:8080), AIRLOCK_ADMIN_USER, AIRLOCK_ADMIN_PASSWORD.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

URL="${AIRLOCK_FILESERVER_URL:?set AIRLOCK_FILESERVER_URL}"
USER_PASS="${AIRLOCK_ADMIN_USER:-admin}:${AIRLOCK_ADMIN_PASSWORD:?set AIRLOCK_ADMIN_PASSWORD}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT


# An OpenSearch-plugin-like zip (plugin descriptor + payload) and an ELF-looking kernel module.
mkdir -p "$WORK/plugin"
printf 'name=repository-s3\nversion=2.8.0\nopensearch.version=2.8.0\njava.version=11\nclassname=org.opensearch.repositories.s3.S3RepositoryPlugin\ndescription=S3 repository\n' \
  > "$WORK/plugin/plugin-descriptor.properties"
head -c 3000000 /dev/urandom > "$WORK/plugin/repository-s3-2.8.0.jar"
(cd "$WORK/plugin" && python3 -c 'import zipfile,sys; z=zipfile.ZipFile("../repository-s3-2.8.0.zip","w"); [z.write(f) for f in sys.argv[1:]]; z.close()' \
  plugin-descriptor.properties repository-s3-2.8.0.jar)
{ printf '\177ELF\002\001\001\000'; head -c 2000000 /dev/urandom; } > "$WORK/driver.ko"

ZIP_URL="$URL/repository-s3-2.8.0.zip"
DRIVER_PATH="8.1.0%2Bdriver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko"

check "anonymous upload is refused (401)" test "$(status_of -T "$WORK/repository-s3-2.8.0.zip" "$ZIP_URL")" = 401
check "curl uploads the plugin zip (201 or 200)" \
  grep -qE '^(201|200)$' <<< "$(status_of -u "$USER_PASS" -H "X-Checksum-Sha256: $(sha "$WORK/repository-s3-2.8.0.zip")" -T "$WORK/repository-s3-2.8.0.zip" "$ZIP_URL")"
check "curl uploads the driver by its %2B path" \
  grep -qE '^(201|200)$' <<< "$(status_of -u "$USER_PASS" -T "$WORK/driver.ko" "$URL/$DRIVER_PATH")"
check "an upload with a wrong declared sha256 is refused (400)" \
  test "$(status_of -u "$USER_PASS" -H "X-Checksum-Sha256: $(printf '0%.0s' {1..64})" -T "$WORK/driver.ko" "$URL/wrong.ko")" = 400
check "nothing is stored after the refused upload (404)" test "$(status_of "$URL/wrong.ko")" = 404

curl -fsS -A opensearch-plugin-installer -o "$WORK/zip.curl" "$ZIP_URL"
check "curl downloads the zip byte for byte" test "$(sha "$WORK/zip.curl")" = "$(sha "$WORK/repository-s3-2.8.0.zip")"
wget -q -O "$WORK/zip.wget" "$ZIP_URL"
check "wget downloads the zip byte for byte" test "$(sha "$WORK/zip.wget")" = "$(sha "$WORK/repository-s3-2.8.0.zip")"
check "the zip is a valid zip with its descriptor" \
  python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.getinfo("plugin-descriptor.properties")' "$WORK/zip.wget"

curl -fsS -o "$WORK/driver.escaped" "$URL/$DRIVER_PATH"
check "the driver downloads by the loader's %2B URL" test "$(sha "$WORK/driver.escaped")" = "$(sha "$WORK/driver.ko")"
curl -fsS -o "$WORK/driver.raw" "$URL/8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko"
check "the same driver downloads by a raw '+'" test "$(sha "$WORK/driver.raw")" = "$(sha "$WORK/driver.ko")"
wget -q -O "$WORK/driver.wget" "$URL/$DRIVER_PATH"
check "wget fetches the driver by the %2B URL" test "$(sha "$WORK/driver.wget")" = "$(sha "$WORK/driver.ko")"

curl -fsS -r 1000-1999 -o "$WORK/range" "$URL/$DRIVER_PATH"
dd if="$WORK/driver.ko" of="$WORK/range.expected" bs=1 skip=1000 count=1000 status=none
check "a Range request returns exactly those 1000 bytes" cmp -s "$WORK/range" "$WORK/range.expected"
check "a Range request answers 206" test "$(status_of -r 0-9 "$URL/$DRIVER_PATH")" = 206
check "a Range past the end answers 416" test "$(status_of -r 99999999- "$URL/$DRIVER_PATH")" = 416
head -c 1000000 "$WORK/driver.ko" > "$WORK/partial"
curl -fsS -C - -o "$WORK/partial" "$URL/$DRIVER_PATH"
check "curl resumes an interrupted download (-C -) to the exact bytes" cmp -s "$WORK/partial" "$WORK/driver.ko"

check "the .sha512 file matches sha512sum's line" \
  test "$(curl -fsS "$ZIP_URL.sha512")" = "$(cd "$WORK" && sha512sum repository-s3-2.8.0.zip)"
check "the .sha256 file verifies with sha256sum -c" \
  bash -c "cd '$WORK' && curl -fsS '$ZIP_URL.sha256' | sed 's/repository-s3-2.8.0.zip/zip.curl/' | sha256sum -c --quiet -"

check "a missing driver is a 404" \
  test "$(status_of "$URL/8.1.0%2Bdriver/x86_64/falco_debian_6.1.0-99-amd64_1.ko")" = 404
check "the 404 is plain text, not a page" \
  bash -c "curl -s -D - -o /dev/null '$URL/nope.ko' | grep -qi '^content-type: text/plain'"
check "wget sees the 404 as a failure" bash -c "! wget -q -O /dev/null '$URL/nope.ko'"
check "a traversal attempt is refused (400)" test "$(status_of --path-as-is "$URL/../../etc/passwd")" = 400
check "an encoded traversal attempt is refused (400)" test "$(status_of --path-as-is "$URL/%2e%2e/%2e%2e/etc/passwd")" = 400
check "the JSON listing names the driver directory" \
  bash -c "curl -fsS -H 'Accept: application/json' '$URL/8.1.0%2Bdriver/x86_64/' | grep -q 'falco_ubuntu-generic_6.8.0-79-generic_79.ko'"
check "HEAD gives the exact Content-Length" \
  bash -c "curl -fsSI '$ZIP_URL' | tr -d '\r' | grep -qi \"^content-length: $(stat -c %s "$WORK/repository-s3-2.8.0.zip")\$\""
# The counters' values after known transfers (this check is the only client meanwhile): one upload, two downloads.
metric() { curl -fsS "$URL/q/metrics" | awk -v n="$1" '$1 == n { v = $2 } END { printf "%d\n", v + 0 }'; }
SENT=airlock_fileserver_sent_bytes_total
RECEIVED=airlock_fileserver_received_bytes_total
OK='airlock_fileserver_downloads_total{outcome="ok"}'
sent0=$(metric "$SENT"); received0=$(metric "$RECEIVED"); ok0=$(metric "$OK")
ZIP_SIZE=$(stat -c %s "$WORK/repository-s3-2.8.0.zip"); DRIVER_SIZE=$(stat -c %s "$WORK/driver.ko")
status_of -u "$USER_PASS" -T "$WORK/driver.ko" "$URL/counted/driver.ko" > /dev/null
curl -fsS -o /dev/null "$ZIP_URL"
curl -fsS -o /dev/null "$URL/counted/driver.ko"
check "the received-bytes counter grew by the upload's size ($DRIVER_SIZE)" \
  test "$(( $(metric "$RECEIVED") - received0 ))" = "$DRIVER_SIZE"
check "the sent-bytes counter grew by the two downloads' sizes ($ZIP_SIZE + $DRIVER_SIZE)" \
  test "$(( $(metric "$SENT") - sent0 ))" = "$(( ZIP_SIZE + DRIVER_SIZE ))"
check "the downloads counter (outcome ok) grew by 2" test "$(( $(metric "$OK") - ok0 ))" = 2

finish fileserver
