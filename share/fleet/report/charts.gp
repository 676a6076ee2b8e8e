# charts.gp: the report's charts as SVG (gnuplot's svg terminal, no
# script in it), from the tables data.jq wrote.  Called with
#   gnuplot -e "dir='WORK'" charts.gp
# reading WORK/NAME.tsv and writing WORK/NAME.svg for each chart.
set datafile separator "\t"
set terminal svg size 900,360 font "sans,11" background "#ffffff"
set border 3
set tics nomirror
set grid y lc rgb "#dddddd"
set key outside right top
set style fill solid 0.85 border -1

# installations per day
set output dir."/installations.svg"
set xdata time
set timefmt "%Y-%m-%d"
set format x "%m-%d"
set ylabel "installations"
set yrange [0:*]
plot dir."/installations.tsv" using 1:2 with linespoints lw 2 pt 7 ps 0.5 \
	lc rgb "#2b6cb0" notitle
unset xdata
set format x "% h"

# version adoption over time: share of the day's reports, per version
set output dir."/versions.svg"
stats dir."/versions.tsv" using 0 nooutput
ncol = STATS_columns
set xdata time
set timefmt "%Y-%m-%d"
set format x "%m-%d"
set ylabel "% of the installations reporting"
set yrange [0:100]
plot for [i=2:ncol] dir."/versions.tsv" using 1:i with lines lw 2 \
	title columnheader(i)
unset xdata
set format x "% h"

# feature adoption: horizontal bars
set output dir."/adoption.svg"
set terminal svg size 900,560 font "sans,11" background "#ffffff"
set ylabel ""
set xlabel "% of the active installations"
set xrange [0:100]
set yrange [-0.7:*]
unset grid
set grid x lc rgb "#dddddd"
plot dir."/adoption.tsv" using 2:0:(0):2:($0-0.35):($0+0.35):ytic(1) \
	with boxxyerror lc rgb "#2b6cb0" notitle
unset grid
set grid y lc rgb "#dddddd"
set xrange [*:*]
set yrange [0:*]
set xlabel ""

# failure rate by version and error: clustered bars
set output dir."/stability.svg"
set terminal svg size 900,360 font "sans,11" background "#ffffff"
stats dir."/stability.tsv" using 0 nooutput
ncol = STATS_columns
set style data histogram
set style histogram clustered gap 1
set boxwidth 0.9
set ylabel "failed jobs per 1000"
plot for [i=2:ncol] dir."/stability.tsv" using i:xtic(1) title columnheader(i)

# job duration by version: median of the daily 95th percentile
set output dir."/durations.svg"
set ylabel "seconds (median of daily p95)"
plot dir."/durations.tsv" using 2:xtic(1) lc rgb "#2b6cb0" notitle
