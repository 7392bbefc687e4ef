#!/bin/sh
# Makes the demo seed's playable clips (assets/sandbox/*.webm): 4 s of ffmpeg's test pattern with the
# clip's own timecode burnt in, VP9 and Opus in WebM (which Chromium and Electron both play), each at
# a rate the review viewer has to get right, with the start timecode carried in the file's tags:
#   Harbor_Assembly_v1/v2   23.976 fps, starting 01:00:00:00 (a version stack of a cut)
#   Northlight_Spot_25fps   25 fps, starting 10:00:00:00
#   Harbor_Interview_DF     29.97 fps drop-frame, starting 00:00:58;00 (so it crosses a dropped minute)
# Needs Debian's ffmpeg (apt-get install -y ffmpeg); the output is committed so CI never does.
# Run from the repository root: sh scripts/make-demo-clips.sh
set -eu
out=assets/sandbox
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf

clip() { # name rate start-timecode label tone-hz
  name=$1 rate=$2 start=$3 label=$4 tone=$5
  escaped=$(printf '%s' "$start" | sed 's/:/\\:/g')
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=320x180:rate=$rate:duration=4" \
    -f lavfi -i "sine=frequency=$tone:duration=4:sample_rate=48000" \
    -vf "drawtext=fontfile=$font:timecode='$escaped':rate=$rate:fontsize=22:fontcolor=white:box=1:boxcolor=black@0.7:x=8:y=8,drawtext=fontfile=$font:text='$label':fontsize=14:fontcolor=white:box=1:boxcolor=black@0.7:x=8:y=150" \
    -c:v libvpx-vp9 -b:v 0 -crf 48 -deadline good -cpu-used 4 -row-mt 1 -g 24 -pix_fmt yuv420p \
    -c:a libopus -b:a 24k -ac 1 \
    -metadata:s:v:0 timecode="$start" -shortest \
    "$out/$name.webm"
}

clip Harbor_Assembly_v1 24000/1001 01:00:00:00 'Assembly v1  23.976' 330
clip Harbor_Assembly_v2 24000/1001 01:00:00:00 'Assembly v2  23.976' 392
clip Northlight_Spot_25fps 25 10:00:00:00 'Spot  25 fps' 440
clip Harbor_Interview_DF 30000/1001 '00:00:58;00' 'Interview  29.97 DF' 523
ls -l "$out"/*.webm
