"""Role-play: scenarios, the customer's mood, and one turn of the conversation."""
