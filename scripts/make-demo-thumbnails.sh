#!/bin/sh
# Makes the demo seed's video thumbnails (assets/sandbox/thumbnails/<clip>.jpg): one poster frame a
# second into each clip, at the clip's own size, as JPEG like Frame.io's. The sandbox serves them as
# the demo files' media_links.thumbnail; the output is committed so CI never needs ffmpeg.
# Needs Debian's ffmpeg (apt-get install -y ffmpeg). Run from the repository root:
#   sh scripts/make-demo-thumbnails.sh
set -eu
out=assets/sandbox/thumbnails
mkdir -p "$out"
for clip in assets/sandbox/*.webm; do
  name=$(basename "$clip" .webm)
  ffmpeg -hide_banner -loglevel error -y -ss 1 -i "$clip" -frames:v 1 -q:v 5 "$out/$name.jpg"
done
ls -l "$out"
