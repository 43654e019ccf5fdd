include chime
include bell
