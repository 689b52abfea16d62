"""What a coordinator does across a programme: setting up schemes and
participations, matching mentee and mentor cities, the dashboard, and the
programme file (portability). The top layer: it reads the network and the
work of the schemes; neither imports it."""
