class legacy {}
