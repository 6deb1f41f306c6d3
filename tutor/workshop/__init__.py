"""Workshop mode: one trainer's machine serves the app to participants' browsers.

``seat`` is the contract between the server and each app it starts (environment variables);
``results`` keeps every finished attempt of the workshop; ``server`` is the web server
(textual-serve's, with a join code, a session cap and exec'd processes); ``driver`` is the
app's side of the browser link; ``dashboard`` is the trainer's live table; ``imports``
merges what participants exported on their own laptops; ``command`` is ``tutor workshop``.
Only ``server``, ``dashboard`` and ``command`` need the optional extra
(``pip install 'tutor[workshop]'``): the app in a session imports just ``seat``, ``results``
and ``driver``.
"""
