#!/bin/sh
# Makes the demo seed's video thumbnails and scrub sheets (assets/sandbox/thumbnails/):
#   <clip>.jpg        one poster frame a second into each clip, at the clip's own size, as JPEG like Frame.io's;
#   <clip>.scrub.webp its scrub sheet as main/sandbox/media/scrub-sheet.ts makes one: 5 × 4 frames, one from
#                     the middle of each twentieth of the clip, 160 pixels wide, tiled left to right, as WebP.
# The sandbox serves them as the demo files' media_links.thumbnail and scrub_sheet; the output is committed
# so CI never needs ffmpeg. Needs Debian's ffmpeg (apt-get install -y ffmpeg). Run from the repository root:
#   sh scripts/make-demo-thumbnails.sh
set -eu
out=assets/sandbox/thumbnails
mkdir -p "$out"
for clip in assets/sandbox/*.webm; do
  name=$(basename "$clip" .webm)
  ffmpeg -hide_banner -loglevel error -y -ss 1 -i "$clip" -frames:v 1 -q:v 5 "$out/$name.jpg"
  duration=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$clip")
  rate=$(awk "BEGIN { print 20 / $duration }")
  start=$(awk "BEGIN { print $duration / 40 }")
  ffmpeg -hide_banner -loglevel error -y -ss "$start" -i "$clip" -vf "fps=$rate,scale=160:-2,tile=5x4" -frames:v 1 \
    -c:v libwebp -quality 60 -f webp "$out/$name.scrub.webp"
done
ls -l "$out"
