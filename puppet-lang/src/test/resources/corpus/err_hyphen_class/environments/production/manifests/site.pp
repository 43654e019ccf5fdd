class euca-deps { }
include euca-deps
