"""The demo sub-district and its seeder (DESIGN §9).

``models.demo.area.build_demo_area`` cuts a believable sub-district out of the real Qinhuai
boundary and tiles it with grids, communities and enforcement zones; ``models.demo.seed.seed_demo``
writes that area, its people, devices and a history of events into an empty GridDesk database.
Both are deterministic for a given seed. Nothing is imported here: the seeder pulls in numpy
and shapely, which a post that only logs in to a seeded database should not pay for.
"""
