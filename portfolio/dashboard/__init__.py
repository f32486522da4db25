"""The portfolio dashboard for the ministries' admin heads: overview, balance, roadmap, exports."""
