### the metric catalogue (privacy wall)
