#!/bin/sh
# Makes the clip the review viewer's e2e test plays: 2 s (48 frames) of ffmpeg's moving test
# pattern at 24 fps, as VP8 WebM, which every Chromium build plays (H.264 depends on the build).
# Needs ffmpeg; the output is committed so tests never do. Run from the repository root.
set -eu
out=test/fixtures/media/review-clip-24fps.webm
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc=size=320x180:rate=24:duration=2" \
  -c:v libvpx -b:v 300k -g 12 -pix_fmt yuv420p -an "$out"
ls -l "$out"
